import { Badge } from '@/components/ui/badge'
import { cn } from '@/components/ui/cn'
import type { DlqAlert } from '@/lib/dlq/api-types'

const TONE = { ok: 'success', warning: 'warning', critical: 'danger' } as const
const LABEL = { ok: 'OK', warning: 'Warning', critical: 'Critical' } as const

export function DlqAlertBadge({ alert, testId }: { alert: DlqAlert; testId?: string }) {
  return (
    <Badge tone={TONE[alert.level]} data-testid={testId} data-level={alert.level} title={alert.reasons.join('\n')}>
      {LABEL[alert.level]}
    </Badge>
  )
}

/** The overall verdict with its reasons; silent when all is well. */
export function DlqAlertBanner({ alert }: { alert: DlqAlert }) {
  if (alert.level === 'ok') return null
  return (
    <div
      role="alert"
      data-testid="dlq-alert-banner"
      data-level={alert.level}
      className={cn(
        'rounded-lg border px-4 py-3 text-sm',
        alert.level === 'critical' ? 'border-danger/40 bg-danger-soft' : 'border-warning/40 bg-warning-soft',
      )}
    >
      <p className={cn('font-semibold', alert.level === 'critical' ? 'text-danger' : 'text-warning')}>
        {alert.level === 'critical' ? 'Dead letters need attention now' : 'Dead letters are piling up'}
      </p>
      <ul className="mt-1 list-disc pl-5">
        {alert.reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
    </div>
  )
}
