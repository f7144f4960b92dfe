import { cn } from '@/components/ui/cn'
import { RefreshIcon } from '@/components/ui/icons'
import { OVERVIEW_POLL_MS } from '@/lib/client/clusters'

type RefreshStatusProps = { fetchedAt: string; fetching: boolean; failed: boolean }

export function RefreshStatus({ fetchedAt, fetching, failed }: RefreshStatusProps) {
  return (
    <p className={cn('flex items-center gap-1.5 text-xs', failed ? 'text-danger' : 'text-muted')}>
      <RefreshIcon className={cn('size-3.5', fetching && 'animate-spin')} />
      <span>
        {failed ? 'Last good data from ' : 'Updated '}
        <time dateTime={fetchedAt}>{new Date(fetchedAt).toLocaleTimeString()}</time>
        {' · every '}
        {OVERVIEW_POLL_MS / 1000} s
      </span>
    </p>
  )
}
