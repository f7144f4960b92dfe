import { Badge, type BadgeTone } from '@/components/ui/badge'
import type { LagVerdict } from '@/lib/lag/history-types'

const TONE: Record<LagVerdict, BadgeTone> = {
  OK: 'success',
  UNKNOWN: 'neutral',
  WARNING: 'warning',
  STALLED: 'danger',
  STOPPED: 'danger',
  RETENTION_RISK: 'danger',
}

const LABEL: Record<LagVerdict, string> = {
  OK: 'OK',
  UNKNOWN: 'Judging…',
  WARNING: 'Warning',
  STALLED: 'Stalled',
  STOPPED: 'Stopped',
  RETENTION_RISK: 'Retention risk',
}

export function verdictLabel(verdict: LagVerdict): string {
  return LABEL[verdict]
}

type VerdictBadgeProps = { verdict: LagVerdict; reason?: string | null; testId?: string }

/** The verdict with its reason as the tooltip (the detail page shows the reason in full). */
export function VerdictBadge({ verdict, reason, testId }: VerdictBadgeProps) {
  return (
    <Badge tone={TONE[verdict]} data-testid={testId} data-verdict={verdict} title={reason ?? undefined}>
      {LABEL[verdict]}
    </Badge>
  )
}
