import type { ReactNode } from 'react'
import { HttpError } from '@/lib/client/fetch-json'
import { Button } from './button'
import { cn } from './cn'
import { AlertIcon, RefreshIcon } from './icons'

type ErrorStateProps = {
  title?: string
  /** Usually a react-query error: an HttpError shows the server's message and code. */
  error: unknown
  onRetry?: () => void
  /** The retry is in flight: the button spins and is disabled. */
  retrying?: boolean
  /** Extra context under the message, e.g. which bootstrap addresses answered. */
  children?: ReactNode
  className?: string
}

function describeError(error: unknown): { message: string; meta: string | null } {
  if (error instanceof HttpError) {
    const status = error.status > 0 ? `HTTP ${error.status}` : null
    return { message: error.message, meta: [error.code, status].filter(Boolean).join(' · ') }
  }
  if (error instanceof Error) {
    // Server-rendering errors reach the browser as a digest only (Next hides their message in production).
    const digest = (error as Error & { digest?: string }).digest
    return { message: error.message || 'Unexpected error', meta: digest ? `digest ${digest}` : null }
  }
  return { message: typeof error === 'string' ? error : 'Unexpected error', meta: null }
}

export function ErrorState({
  title = 'Something went wrong',
  error,
  onRetry,
  retrying,
  children,
  className,
}: ErrorStateProps) {
  const { message, meta } = describeError(error)
  return (
    <div
      role="alert"
      data-testid="error-state"
      className={cn('rounded-lg border border-danger/40 bg-danger-soft px-4 py-3.5', className)}
    >
      <div className="flex items-start gap-3">
        <AlertIcon className="mt-0.5 size-4 shrink-0 text-danger" />
        <div className="min-w-0 flex-1">
          <h3 className="text-sm font-semibold text-danger">{title}</h3>
          <p data-testid="error-message" className="mt-1 break-words text-sm">
            {message}
          </p>
          {meta && (
            <p data-testid="error-code" className="mt-1 font-mono text-xs text-muted">
              {meta}
            </p>
          )}
          {children && <div className="mt-3">{children}</div>}
        </div>
        {onRetry && (
          <Button size="sm" onClick={onRetry} disabled={retrying}>
            <RefreshIcon className={cn('size-3.5', retrying && 'animate-spin')} />
            Retry
          </Button>
        )}
      </div>
    </div>
  )
}
