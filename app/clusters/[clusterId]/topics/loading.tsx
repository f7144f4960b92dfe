import { PageHeader } from '@/components/ui/page-header'
import { TableSkeleton } from '@/components/ui/skeleton'

export default function TopicsLoading() {
  return (
    <>
      <PageHeader title="Topics" description="Every topic in the cluster, with partition health and retention." />
      <TableSkeleton rows={12} columns={7} />
    </>
  )
}
