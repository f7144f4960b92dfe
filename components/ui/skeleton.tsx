import { cn } from './cn'

/** Stable keys for a fixed list of placeholders (they never reorder). */
const placeholders = (count: number) => Array.from({ length: count }, (_, i) => `placeholder-${i}`)

export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden="true" className={cn('animate-pulse rounded bg-surface-muted', className)} />
}

type TableSkeletonProps = { rows?: number; columns?: number; label?: string }

export function TableSkeleton({ rows = 8, columns = 5, label = 'Loading…' }: TableSkeletonProps) {
  const cols = placeholders(columns)
  return (
    <div role="status" aria-label={label} className="overflow-hidden rounded-lg border border-border bg-surface">
      <div className="flex gap-6 border-b border-border bg-surface-muted px-4 py-2.5">
        {cols.map((key, c) => (
          <Skeleton key={key} className={cn('h-3', c === 0 ? 'w-40' : 'w-16')} />
        ))}
      </div>
      {placeholders(rows).map((rowKey) => (
        <div key={rowKey} className="flex h-9 items-center gap-6 border-b border-border px-4 last:border-0">
          {cols.map((key, c) => (
            <Skeleton key={key} className={cn('h-3', c === 0 ? 'w-48' : 'w-12')} />
          ))}
        </div>
      ))}
    </div>
  )
}

export function StatGridSkeleton({ count = 5 }: { count?: number }) {
  return (
    <div aria-hidden="true" className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-5">
      {placeholders(count).map((key) => (
        <div key={key} className="rounded-lg border border-border bg-surface px-4 py-3">
          <Skeleton className="h-3 w-20" />
          <Skeleton className="mt-2 h-7 w-14" />
        </div>
      ))}
    </div>
  )
}
