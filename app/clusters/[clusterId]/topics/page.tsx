import { CreateTopicButton } from '@/components/topics/create-topic-dialog'
import { TopicTable } from '@/components/topics/topic-table'
import { parseTopicSearch } from '@/components/topics/topic-table-model'
import { PageHeader } from '@/components/ui/page-header'

export const metadata = { title: 'Topics' }

type TopicsPageProps = {
  params: Promise<{ clusterId: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}

export default async function TopicsPage({ params, searchParams }: TopicsPageProps) {
  const [{ clusterId }, search] = await Promise.all([params, searchParams])
  return (
    <>
      <PageHeader
        title="Topics"
        description="Every topic in the cluster, with partition health and retention."
        actions={<CreateTopicButton clusterId={clusterId} />}
      />
      <TopicTable clusterId={clusterId} initialSearch={parseTopicSearch(search)} />
    </>
  )
}
