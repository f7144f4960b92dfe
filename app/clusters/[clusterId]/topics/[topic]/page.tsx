import { TopicDetailView } from '@/components/topics/topic-detail'
import { parseTopicTab } from '@/components/topics/topic-detail-model'

/** Next hands dynamic segments over still percent-encoded; a malformed escape shows as typed instead of throwing. */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

type TopicPageProps = {
  params: Promise<{ clusterId: string; topic: string }>
  searchParams: Promise<{ tab?: string | string[] }>
}

export async function generateMetadata({ params }: TopicPageProps) {
  const { topic } = await params
  return { title: `Topic ${safeDecode(topic)}` }
}

export default async function TopicPage({ params, searchParams }: TopicPageProps) {
  const [{ clusterId, topic }, { tab }] = await Promise.all([params, searchParams])
  return <TopicDetailView clusterId={clusterId} topic={safeDecode(topic)} tab={parseTopicTab(tab)} />
}
