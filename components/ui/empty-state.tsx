import type { ReactNode } from 'react'
import { cn } from './cn'
import { InboxIcon } from './icons'

type EmptyStateProps = { title: string; description?: ReactNode; action?: ReactNode; className?: string }

export function EmptyState({ title, description, action, className }: EmptyStateProps) {
  return (
    <div
      role="status"
      data-testid="empty-state"
      className={cn(
        'flex flex-col items-center justify-center gap-2 rounded-lg border border-dashed border-border-strong px-6 py-12 text-center',
        className,
      )}
    >
      <InboxIcon className="size-6 text-muted" />
      <h3 className="text-sm font-semibold">{title}</h3>
      {description && <p className="max-w-md text-sm text-muted">{description}</p>}
      {action && <div className="mt-2">{action}</div>}
    </div>
  )
}
