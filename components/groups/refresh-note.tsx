import { cn } from '@/components/ui/cn'
import { RefreshIcon } from '@/components/ui/icons'

type RefreshNoteProps = { fetchedAt: string; fetching: boolean; failed: boolean; everyMs: number }

/** "Updated 14:02:11 · every 10 s"; after a failed refresh it says the data on screen is the last good one. */
export function RefreshNote({ fetchedAt, fetching, failed, everyMs }: RefreshNoteProps) {
  return (
    <p className={cn('flex items-center gap-1.5 text-xs', failed ? 'text-danger' : 'text-muted')}>
      <RefreshIcon className={cn('size-3.5', fetching && 'animate-spin')} />
      <span>
        {failed ? 'Last good data from ' : 'Updated '}
        <time dateTime={fetchedAt}>{new Date(fetchedAt).toLocaleTimeString()}</time>
        {` · every ${everyMs / 1000} s`}
      </span>
    </p>
  )
}
