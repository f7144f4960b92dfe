'use client'

import { formatBytes } from '@/lib/client/format'
import type { ProduceRequest } from '@/lib/messages/produce/types'
import { partitionChoice } from './produce-form-model'

const LABEL = 'text-xs font-medium uppercase tracking-wide text-muted'
const PRE =
  'max-h-64 overflow-auto whitespace-pre-wrap break-all rounded-md bg-surface-muted px-3 py-2 font-mono text-xs'

/** Exactly what will be written: the confirm step shows the request, not the form. */
export function ProduceConfirm({ topic, request, bytes }: { topic: string; request: ProduceRequest; bytes: number }) {
  return (
    <div className="flex flex-col gap-3 text-sm" data-testid="produce-confirm">
      <p>
        Write one record of {formatBytes(bytes)} to <span className="font-mono">{topic}</span>,{' '}
        {partitionChoice(request)}.
      </p>
      <div className="flex flex-col gap-1">
        <span className={LABEL}>Key</span>
        {request.key === null || request.key === undefined ? (
          <span className="text-muted italic">null (no key)</span>
        ) : (
          <pre className={PRE}>{request.key}</pre>
        )}
      </div>
      <div className="flex flex-col gap-1">
        <span className={LABEL}>Value ({request.valueFormat === 'json' ? 'JSON' : 'text'})</span>
        {request.value === null ? (
          <span className="text-muted italic">null (tombstone)</span>
        ) : (
          <pre className={PRE} data-testid="produce-confirm-value">
            {request.value}
          </pre>
        )}
      </div>
      <div className="flex flex-col gap-1">
        <span className={LABEL}>Headers</span>
        {request.headers.length === 0 ? (
          <span className="text-muted">none</span>
        ) : (
          <table className="w-full text-left font-mono text-xs">
            <tbody>
              {request.headers.map((h, i) => (
                // Header names may repeat: the position is the identity.
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are a fixed snapshot
                <tr key={i} className="border-b border-border last:border-0">
                  <td className="py-1 pr-3 align-top">{h.key}</td>
                  <td className="py-1 break-all whitespace-pre-wrap">{h.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  )
}
