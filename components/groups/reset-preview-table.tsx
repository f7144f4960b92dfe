import { Badge } from '@/components/ui/badge'
import { cn } from '@/components/ui/cn'
import { formatCount } from '@/lib/client/format'
import type { ResetRow, ResetSkipped } from '@/lib/lag/reset-offsets/types'

const TH = 'px-2.5 py-1.5 text-xs font-medium text-muted'
const TD = 'px-2.5 py-1'

type ResetPreviewTableProps = {
  rows: readonly ResetRow[]
  skipped: readonly ResetSkipped[]
  totals: { lagBefore: string; lagAfter: string }
  /** Row test ids: the preview's rows and the applied rows are told apart. */
  rowTestId: (row: ResetRow) => string
}

/** Before and after per partition: offset, lag, and whether Kafka's bounds moved the target. */
export function ResetPreviewTable({ rows, skipped, totals, rowTestId }: ResetPreviewTableProps) {
  return (
    <div className="flex flex-col gap-2">
      <div className="max-h-72 overflow-auto rounded-md border border-border">
        <table className="w-full min-w-[40rem] text-sm tabular-nums">
          <thead className="sticky top-0 border-b border-border bg-surface-muted">
            <tr>
              <th scope="col" className={cn(TH, 'text-left')}>
                Topic / partition
              </th>
              <th scope="col" className={cn(TH, 'text-right')}>
                Offset now
              </th>
              <th scope="col" className={cn(TH, 'text-right')}>
                New offset
              </th>
              <th scope="col" className={cn(TH, 'text-right')}>
                Lag now
              </th>
              <th scope="col" className={cn(TH, 'text-right')}>
                Lag after
              </th>
              <th scope="col" className={cn(TH, 'text-right')} title="Log start … log end">
                Log range
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={`${r.topic}-${r.partition}`}
                data-testid={rowTestId(r)}
                data-target={r.targetOffset}
                className="border-b border-border last:border-b-0"
              >
                <td className={TD}>
                  {r.topic} <span className="text-muted">/ {r.partition}</span>
                </td>
                <td className={cn(TD, 'text-right', r.currentOffset === null && 'text-muted')}>
                  {r.currentOffset === null ? 'none' : formatCount(r.currentOffset)}
                </td>
                <td className={cn(TD, 'text-right font-medium')}>
                  {formatCount(r.targetOffset)}
                  {r.clamped && (
                    <Badge
                      tone="warning"
                      className="ml-1.5"
                      title="The requested position was outside the log (or no record is that recent): moved to its nearest end, as Kafka does"
                    >
                      clamped
                    </Badge>
                  )}
                </td>
                <td className={cn(TD, 'text-right text-muted')}>
                  {r.currentLag === null ? '—' : formatCount(r.currentLag)}
                </td>
                <td className={cn(TD, 'text-right')}>{formatCount(r.lagAfter)}</td>
                <td className={cn(TD, 'text-right text-xs text-muted')}>
                  {formatCount(r.low)} … {formatCount(r.high)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-muted">
        Total lag {formatCount(totals.lagBefore)} →{' '}
        <span className="font-medium text-foreground">{formatCount(totals.lagAfter)}</span>
      </p>
      {skipped.length > 0 && (
        <div className="text-xs text-warning" data-testid="reset-skipped">
          Left unchanged:
          <ul className="mt-0.5 list-inside list-disc">
            {skipped.slice(0, 20).map((s) => (
              <li key={`${s.topic}-${s.partition}`}>
                {s.topic} / {s.partition}: {s.reason}
              </li>
            ))}
            {skipped.length > 20 && <li>… and {skipped.length - 20} more</li>}
          </ul>
        </div>
      )}
    </div>
  )
}
