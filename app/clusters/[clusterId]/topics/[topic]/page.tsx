import Link from 'next/link'
import { EmptyState } from '@/components/ui/empty-state'
import { PageHeader } from '@/components/ui/page-header'
import { clusterHref } from '@/lib/nav'

/** Next hands dynamic segments over still percent-encoded; a malformed escape shows as typed instead of throwing. */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

type TopicPageProps = { params: Promise<{ clusterId: string; topic: string }> }

export default async function TopicPage({ params }: TopicPageProps) {
  const { clusterId, topic } = await params
  const name = safeDecode(topic)
  return (
    <>
      <PageHeader title={<span className="font-mono">{name}</span>} description="Topic" />
      <EmptyState
        title="The topic browser is coming in a later release"
        description="Partition details, configs and a message explorer for this topic will live here."
        action={
          <Link href={clusterHref(clusterId, 'topics')} className="text-sm font-medium text-accent hover:underline">
            Back to all topics
          </Link>
        }
      />
    </>
  )
}
