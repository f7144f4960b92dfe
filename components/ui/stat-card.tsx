import type { ReactNode } from 'react'
import { cn } from './cn'

export type StatTone = 'default' | 'warning' | 'danger'

type StatCardProps = {
  label: string
  value: ReactNode
  hint?: ReactNode
  /** warning/danger tint the card: use them only when the number needs attention. */
  tone?: StatTone
  testId?: string
}

const TONES: Record<StatTone, { card: string; value: string }> = {
  default: { card: 'border-border bg-surface', value: 'text-foreground' },
  warning: { card: 'border-warning/50 bg-warning-soft', value: 'text-warning' },
  danger: { card: 'border-danger/50 bg-danger-soft', value: 'text-danger' },
}

export function StatCard({ label, value, hint, tone = 'default', testId }: StatCardProps) {
  return (
    <div data-testid={testId} data-tone={tone} className={cn('rounded-lg border px-4 py-3', TONES[tone].card)}>
      <div className="text-xs font-medium text-muted">{label}</div>
      <div className={cn('mt-1 text-2xl font-semibold tabular-nums tracking-tight', TONES[tone].value)}>{value}</div>
      {hint && <div className="mt-0.5 truncate text-xs text-muted">{hint}</div>}
    </div>
  )
}
