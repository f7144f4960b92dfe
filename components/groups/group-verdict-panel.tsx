import { cn } from '@/components/ui/cn'
import { formatDuration } from '@/lib/client/format'
import type { GroupVerdict } from '@/lib/lag/history-types'
import { VerdictBadge } from './verdict-badge'

const FRAME: Record<GroupVerdict['verdict'], string> = {
  OK: 'border-success/30 bg-success-soft',
  UNKNOWN: 'border-border bg-surface-muted',
  WARNING: 'border-warning/30 bg-warning-soft',
  STALLED: 'border-danger/30 bg-danger-soft',
  STOPPED: 'border-danger/30 bg-danger-soft',
  RETENTION_RISK: 'border-danger/30 bg-danger-soft',
}

/** The group's health verdict and, in words, why: the first thing an operator on call reads. */
export function GroupVerdictPanel({ verdict: v }: { verdict: GroupVerdict }) {
  return (
    <section
      aria-label="Health verdict"
      data-testid="group-verdict"
      data-verdict={v.verdict}
      className={cn('flex flex-wrap items-start gap-3 rounded-lg border px-4 py-3', FRAME[v.verdict])}
    >
      <VerdictBadge verdict={v.verdict} testId="group-verdict-badge" />
      <div className="min-w-0 flex-1">
        <p data-testid="group-verdict-reason" className="text-sm">
          {v.reason}
        </p>
        <p className="mt-0.5 text-xs text-muted">
          Judged over {v.windowSamples} {v.windowSamples === 1 ? 'sample' : 'samples'}
          {v.windowMs > 0 ? ` spanning ${formatDuration(Math.round(v.windowMs / 1_000) * 1_000)}` : ''}: OK when caught
          up or keeping pace; Warning when lag keeps growing (shrinking in at most a quarter of the intervals); Stalled
          when the offset does not move while members exist; Stopped when no member consumes; Retention risk when the
          oldest unread record passes 80% of retention.ms.
        </p>
      </div>
    </section>
  )
}
