'use client'

import { useEffect, useState } from 'react'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { formatBytes } from '@/lib/client/format'
import type { Decoded, DecodedMessage } from '@/lib/messages/types'
import { messageAsJson } from './explorer-model'
import { JsonTree } from './json-tree'
import { formatTimestamp } from './message-rows'

type Props = { message: DecodedMessage; permalink: string; onClose: () => void }

function Payload({ label, d }: { label: string; d: Decoded }) {
  const body = d.format === 'null' ? 'null' : (d.text ?? d.base64)
  return (
    <section className="flex flex-col gap-1">
      <h3 className="flex items-center gap-2 text-xs font-semibold text-muted">
        {label}
        <Badge title={d.subject ? `Schema Registry subject ${d.subject}` : undefined}>
          {d.schemaId === undefined
            ? d.format
            : `${d.format} · schema ${d.schemaId}${d.subject ? ` (${d.subject})` : ''}`}
        </Badge>
        <span className="font-normal">{formatBytes(d.size)}</span>
      </h3>
      {d.error && <p className="text-xs text-warning">{d.error}</p>}
      {d.json !== undefined && d.format !== 'null' ? (
        <div className="max-h-96 overflow-auto rounded-md border border-border bg-surface-muted p-2">
          <JsonTree value={d.json} />
        </div>
      ) : (
        <pre className="max-h-96 overflow-auto whitespace-pre-wrap break-all rounded-md border border-border bg-surface-muted p-2 font-mono text-xs">
          {body}
        </pre>
      )}
    </section>
  )
}

/** The whole message: payloads in full (JSON as a foldable tree), headers, position, time, size; copy and permalink. */
export function MessageDetail({ message: m, permalink, onClose }: Props) {
  const [copied, setCopied] = useState<string | null>(null)
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose()
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onClose])
  const copy = (what: string, text: string) =>
    navigator.clipboard?.writeText(text).then(
      () => setCopied(what),
      () => setCopied('copy failed'),
    )
  return (
    <aside
      data-testid="message-detail"
      aria-label={`Message ${m.partition}/${m.offset}`}
      className="fixed inset-y-0 right-0 z-40 flex w-full max-w-2xl flex-col gap-4 overflow-y-auto border-l border-border bg-surface p-5 shadow-xl"
    >
      <header className="flex items-center justify-between gap-2">
        <h2 className="font-mono text-sm font-semibold">
          partition {m.partition} · offset {m.offset}
        </h2>
        <div className="flex items-center gap-2">
          {copied && <span className="text-xs text-muted">{copied}</span>}
          <Button size="sm" onClick={() => copy('JSON copied', messageAsJson(m))}>
            Copy as JSON
          </Button>
          <Button size="sm" onClick={() => copy('link copied', permalink)}>
            Copy link
          </Button>
          <Button size="sm" variant="ghost" onClick={onClose} aria-label="Close">
            ✕
          </Button>
        </div>
      </header>
      <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1 text-xs">
        <dt className="text-muted">Partition</dt>
        <dd className="font-mono">{m.partition}</dd>
        <dt className="text-muted">Offset</dt>
        <dd className="font-mono">{m.offset}</dd>
        <dt className="text-muted">Timestamp</dt>
        <dd className="font-mono">
          {formatTimestamp(m.timestamp)} UTC ({m.timestamp}) · {m.timestampType}
        </dd>
        <dt className="text-muted">Size</dt>
        <dd>
          {formatBytes(m.sizeBytes)}
          {m.compression ? ` · batch compressed with ${m.compression}` : ''}
        </dd>
        <dt className="text-muted">Permalink</dt>
        <dd className="truncate font-mono">
          <a href={permalink} className="text-accent hover:underline">
            {permalink}
          </a>
        </dd>
      </dl>
      <Payload label="Key" d={m.key} />
      <Payload label="Value" d={m.value} />
      <section className="flex flex-col gap-1">
        <h3 className="text-xs font-semibold text-muted">Headers ({m.headers.length})</h3>
        {m.headers.length === 0 ? (
          <p className="text-xs text-muted">No headers.</p>
        ) : (
          <table className="text-xs">
            <tbody>
              {m.headers.map((h, i) => (
                // Header keys may repeat: the index keeps rows apart.
                // biome-ignore lint/suspicious/noArrayIndexKey: headers have no identity beyond their position
                <tr key={i} className="border-b border-border align-top">
                  <td className="py-1 pr-3 font-mono">{h.key}</td>
                  <td className="break-all py-1 font-mono">
                    {h.value.format === 'hex' && <Badge className="mr-1">hex</Badge>}
                    {h.value.format === 'null' ? 'null' : h.value.text}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </aside>
  )
}
