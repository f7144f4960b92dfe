import type { HTMLAttributes } from 'react'
import { cn } from './cn'

export type BadgeTone = 'neutral' | 'accent' | 'danger' | 'warning' | 'success'

const TONES: Record<BadgeTone, string> = {
  neutral: 'bg-surface-muted text-muted border-border',
  accent: 'bg-accent-soft text-accent border-accent/30',
  danger: 'bg-danger-soft text-danger border-danger/30',
  warning: 'bg-warning-soft text-warning border-warning/30',
  success: 'bg-success-soft text-success border-success/30',
}

type BadgeProps = HTMLAttributes<HTMLSpanElement> & { tone?: BadgeTone }

export function Badge({ tone = 'neutral', className, ...props }: BadgeProps) {
  return (
    <span
      className={cn(
        'inline-flex h-5 shrink-0 items-center gap-1 whitespace-nowrap rounded border px-1.5 text-[11px] font-medium leading-none tabular-nums',
        TONES[tone],
        className,
      )}
      {...props}
    />
  )
}
