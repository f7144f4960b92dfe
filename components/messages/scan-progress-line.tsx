import { Button } from '@/components/ui/button'
import { formatCount } from '@/lib/client/format'
import type { ScanStatus } from '@/lib/client/message-scan'
import type { ScanProgress, StopReason } from '@/lib/messages/types'

const STOP_TEXT: Record<StopReason, string> = {
  limit: 'stopped at the result limit',
  maxScan: 'stopped at the scan bound',
  maxMs: 'stopped at the time bound',
  end: 'reached the end',
  cancelled: 'cancelled',
}

type Props = {
  status: ScanStatus
  progress: ScanProgress | null
  received: number
  onCancel: () => void
  /** Offered after a stop on a bound: e.g. "Scan up to 1,000,000". */
  raise: { label: string; onClick: () => void } | null
}

export function ScanProgressLine({ status, progress, received, onCancel, raise }: Props) {
  const p = progress
  return (
    <div
      data-testid="scan-progress"
      role="status"
      aria-live="polite"
      className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-muted tabular-nums"
    >
      {status === 'running' && <span className="size-2 animate-pulse rounded-full bg-accent" aria-hidden="true" />}
      <span>
        Scanned <b className="text-foreground">{formatCount(p?.scanned ?? 0)}</b>
      </span>
      <span>
        matched <b className="text-foreground">{formatCount(p?.matched ?? received)}</b>
      </span>
      {p && <span>{formatCount(p.ratePerSec)} msg/s</span>}
      {p?.filterErrors ? (
        <span title="The filter failed on these messages; they count as non-matches">
          {formatCount(p.filterErrors)} filter errors
        </span>
      ) : null}
      {p && p.positions.length > 0 && (
        <span className="max-w-full truncate font-mono" title="Per partition: position / end">
          {p.positions.map((x) => `p${x.partition} ${x.offset}/${x.end}`).join(' · ')}
        </span>
      )}
      {p?.stopReason && <span data-stop-reason={p.stopReason}>{STOP_TEXT[p.stopReason]}</span>}
      {status === 'running' && (
        <Button size="sm" data-testid="scan-cancel" onClick={onCancel}>
          Cancel
        </Button>
      )}
      {status !== 'running' && raise && (
        <Button size="sm" variant="ghost" onClick={raise.onClick}>
          {raise.label}
        </Button>
      )}
    </div>
  )
}
