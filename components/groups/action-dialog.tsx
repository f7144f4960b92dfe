'use client'

import { type ButtonHTMLAttributes, type ReactNode, useEffect, useRef } from 'react'
import { cn } from '@/components/ui/cn'
import { CrossIcon } from '@/components/ui/icons'

type ActionDialogProps = {
  title: ReactNode
  description?: ReactNode
  onClose: () => void
  children: ReactNode
  footer?: ReactNode
  testId?: string
  className?: string
}

/**
 * A modal on the native <dialog>: the browser traps focus, closes on Escape and makes the page behind inert. Mounted
 * only while open; Escape and × call onClose (a stray click on the backdrop does not: typed confirmations survive).
 */
export function ActionDialog({ title, description, onClose, children, footer, testId, className }: ActionDialogProps) {
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
    // No onClose on the element: this close() (also run by StrictMode's mount-unmount-mount) must not report back.
    return () => dialog?.close()
  }, [])
  return (
    <dialog
      ref={ref}
      data-testid={testId}
      aria-labelledby="action-dialog-title"
      onCancel={(e) => {
        e.preventDefault() // Escape: let React decide, so state and the element agree
        onClose()
      }}
      className={cn(
        'm-auto max-h-[90vh] w-[min(56rem,calc(100vw-2rem))] overflow-hidden rounded-lg border border-border bg-surface p-0 text-foreground shadow-xl backdrop:bg-black/40',
        className,
      )}
    >
      <div className="flex max-h-[90vh] flex-col">
        <div className="flex items-start justify-between gap-4 border-b border-border px-5 py-3">
          <div className="min-w-0">
            <h2 id="action-dialog-title" className="text-base font-semibold">
              {title}
            </h2>
            {description && <p className="mt-0.5 text-sm text-muted">{description}</p>}
          </div>
          <button
            type="button"
            onClick={onClose}
            aria-label="Close"
            className="cursor-pointer rounded p-1 text-muted hover:bg-surface-muted hover:text-foreground"
          >
            <CrossIcon className="size-4" />
          </button>
        </div>
        <div className="min-h-0 flex-1 overflow-y-auto px-5 py-4">{children}</div>
        {footer && (
          <div className="flex items-center justify-end gap-2 border-t border-border bg-surface-muted/50 px-5 py-3">
            {footer}
          </div>
        )}
      </div>
    </dialog>
  )
}

/** A refusal or warning inside a dialog: why the action cannot (or could not fully) run. */
export function DialogNotice({
  tone,
  children,
  testId,
}: {
  tone: 'danger' | 'warning' | 'success'
  children: ReactNode
  testId?: string
}) {
  const tones = {
    danger: 'border-danger/40 bg-danger-soft text-danger',
    warning: 'border-warning/40 bg-warning-soft text-warning',
    success: 'border-success/40 bg-success-soft text-success',
  }
  return (
    <div
      role={tone === 'success' ? 'status' : 'alert'}
      data-testid={testId}
      className={cn('rounded-md border px-3 py-2 text-sm', tones[tone])}
    >
      {children}
    </div>
  )
}

/** The operator types `expected` (a group id, a topic) before a destructive action is enabled. */
export function ConfirmByTyping({
  expected,
  value,
  onChange,
  what,
  testId,
}: {
  expected: string
  value: string
  onChange: (v: string) => void
  what: string
  testId: string
}) {
  return (
    <label className="flex flex-col gap-1 text-sm">
      <span>
        Type the {what} <span className="rounded bg-surface-muted px-1 font-mono text-xs">{expected}</span> to confirm
      </span>
      <input
        data-testid={testId}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        spellCheck={false}
        autoComplete="off"
        className="h-8 rounded-md border border-border-strong bg-surface px-2.5 font-mono text-sm"
      />
    </label>
  )
}

/**
 * The destructive button: red, to set it apart from the rest. Its own element, since the kit's Button variants set
 * colours that cn() does not override.
 */
export function DangerButton({ className, type = 'button', size = 'md', ...props }: DangerButtonProps) {
  return (
    <button
      type={type}
      className={cn(
        'inline-flex shrink-0 cursor-pointer items-center justify-center rounded-md border border-transparent bg-danger font-medium text-white transition-colors hover:bg-danger/90 disabled:cursor-not-allowed disabled:opacity-50 dark:text-zinc-950',
        size === 'sm' ? 'h-7 gap-1.5 px-2.5 text-xs' : 'h-8 gap-2 px-3 text-sm',
        className,
      )}
      {...props}
    />
  )
}
type DangerButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & { size?: 'sm' | 'md' }

/** What happened to the audit record of an action that ran. */
export function AuditNote({ audit }: { audit: { recorded: boolean; reason?: string } }) {
  return audit.recorded ? (
    <p data-testid="audit-status" data-recorded="true" className="text-xs text-muted">
      Recorded in the audit trail.
    </p>
  ) : (
    <DialogNotice tone="warning" testId="audit-status">
      The action was done, but it is <strong>not</strong> in the audit trail: {audit.reason ?? 'unknown reason'}
    </DialogNotice>
  )
}
