import { Skeleton, StatGridSkeleton, TableSkeleton } from '@/components/ui/skeleton'

export default function ClusterLoading() {
  return (
    <div role="status" aria-label="Loading">
      <Skeleton className="mb-6 h-6 w-40" />
      <StatGridSkeleton />
      <div className="mt-5">
        <TableSkeleton rows={4} columns={6} />
      </div>
    </div>
  )
}
