import { Button } from '@/components/ui/button'
import { formatCount } from '@/lib/client/format'
import type { TailStatus } from '@/lib/client/message-tail'
import { TAIL_ROW_CAP } from '@/lib/client/tail-buffer'
import type { TailProgress } from '@/lib/messages/tail/types'

type Props = {
  status: TailStatus
  paused: boolean
  progress: TailProgress | null
  rows: number
  newWhilePaused: number
  onPause: () => void
  onResume: () => void
  onRestart: () => void
}

const ENDED: Record<NonNullable<TailProgress['stopReason']>, string> = {
  maxMs: 'stopped at the 30-minute bound',
  cancelled: 'stopped',
}

/** The live tail's state line: live / paused / ended, counters, and the pause and resume buttons. */
export function TailStatusLine({
  status,
  paused,
  progress: p,
  rows,
  newWhilePaused,
  onPause,
  onResume,
  onRestart,
}: Props) {
  const label =
    status === 'connecting'
      ? 'Connecting…'
      : status === 'live'
        ? paused
          ? 'Paused'
          : 'Live'
        : status === 'ended'
          ? `Ended: ${p?.stopReason ? ENDED[p.stopReason] : 'stopped'}`
          : status === 'error'
            ? 'Failed'
            : 'Off'
  return (
    <div
      data-testid="tail-status"
      data-state={paused && status === 'live' ? 'paused' : status}
      data-rows={rows}
      role="status"
      aria-live="polite"
      className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-muted tabular-nums"
    >
      {status === 'live' && !paused && (
        <span className="size-2 animate-pulse rounded-full bg-success" aria-hidden="true" />
      )}
      <b className="text-foreground">{label}</b>
      <span title={`The newest ${formatCount(TAIL_ROW_CAP)} are kept`}>
        <b className="text-foreground">{formatCount(rows)}</b> rows
      </span>
      {paused && (
        <span data-testid="tail-new-while-paused" data-count={newWhilePaused} className="text-foreground">
          {formatCount(newWhilePaused)} new while paused
        </span>
      )}
      {p && (
        <>
          <span>
            read <b className="text-foreground">{formatCount(p.scanned)}</b>
          </span>
          <span>
            matched <b className="text-foreground">{formatCount(p.matched)}</b>
          </span>
          <span>{formatCount(p.ratePerSec)} msg/s</span>
          {p.skipped > 0 && (
            <span title="Not shown because the tail could not keep up: over the rate cap, or jumped to the end">
              {formatCount(p.skipped)} skipped
            </span>
          )}
          {p.filterErrors ? (
            <span title="The filter failed on these messages; they count as non-matches">
              {formatCount(p.filterErrors)} filter errors
            </span>
          ) : null}
        </>
      )}
      {status === 'live' &&
        (paused ? (
          <Button size="sm" data-testid="tail-resume" onClick={onResume}>
            Resume
          </Button>
        ) : (
          <Button size="sm" data-testid="tail-pause" onClick={onPause}>
            Pause
          </Button>
        ))}
      {(status === 'ended' || status === 'error') && (
        <Button size="sm" variant="ghost" onClick={onRestart}>
          Restart
        </Button>
      )}
    </div>
  )
}
