import { GroupTable } from '@/components/groups/group-table'
import { parseGroupSearch } from '@/components/groups/group-table-model'
import { PageHeader } from '@/components/ui/page-header'

export const metadata = { title: 'Consumer groups' }

type GroupsPageProps = {
  params: Promise<{ clusterId: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}

export default async function GroupsPage({ params, searchParams }: GroupsPageProps) {
  const [{ clusterId }, search] = await Promise.all([params, searchParams])
  return (
    <>
      <PageHeader
        title="Consumer groups"
        description="Every group on the cluster, with its type, state, members and lag."
      />
      <GroupTable clusterId={clusterId} initialSearch={parseGroupSearch(search)} />
    </>
  )
}
