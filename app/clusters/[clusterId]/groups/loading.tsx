import { PageHeader } from '@/components/ui/page-header'
import { TableSkeleton } from '@/components/ui/skeleton'

export default function GroupsLoading() {
  return (
    <>
      <PageHeader
        title="Consumer groups"
        description="Every group on the cluster, with its type, state, members and lag."
      />
      <TableSkeleton rows={12} columns={7} label="Loading consumer groups" />
    </>
  )
}
