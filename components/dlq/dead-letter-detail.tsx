'use client'

import Link from 'next/link'
import { type ReactNode, useEffect } from 'react'
import { JsonTree } from '@/components/messages/json-tree'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { ErrorState } from '@/components/ui/error-state'
import { Skeleton } from '@/components/ui/skeleton'
import { READ_ONLY_REASON, useDeadLetterDetail } from '@/lib/client/dlq'
import type { DeadLetterDetail as Detail } from '@/lib/dlq/api-types'
import type { Decoded } from '@/lib/messages/types'
import { formatIso } from './dead-letter-rows'
import { asDecodedMessage, editableValueOf, sourceMessageHref, statusTone } from './dlq-model'
import type { ReplayTarget } from './replay-dialog'

type Props = {
  clusterId: string
  at: { topic: string; partition: number; offset: string }
  readOnly: boolean
  /** The role's permissions (buttons the user may not use are not shown). */
  canReplay: boolean
  canDiscard: boolean
  onClose: () => void
  onReplay: (target: ReplayTarget) => void
  onDiscard: (target: ReplayTarget) => void
}

/** One dead letter in full: why it failed (stack trace, metadata), the original event, the record, its history. */
export function DeadLetterDetailPanel({
  clusterId,
  at,
  readOnly,
  canReplay,
  canDiscard,
  onClose,
  onReplay,
  onDiscard,
}: Props) {
  const { data, error, isPending, refetch, isFetching } = useDeadLetterDetail(clusterId, at)
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose()
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onClose])
  const target = (d: Detail): ReplayTarget => ({
    dlqTopic: d.row.dlqTopic,
    selection: { kind: 'records', records: [{ partition: d.row.partition, offset: d.row.offset }] },
    count: 1,
    single: editableValueOf(asDecodedMessage(d.message)),
  })
  return (
    <aside
      data-testid="dead-letter-detail"
      aria-label={`Dead letter ${at.partition}/${at.offset}`}
      className="fixed inset-y-0 right-0 z-40 flex w-full max-w-2xl flex-col gap-4 overflow-y-auto border-l border-border bg-surface p-5 shadow-xl"
    >
      <header className="flex items-center justify-between gap-2">
        <h2 className="min-w-0 truncate font-mono text-sm font-semibold">
          {at.topic} · {at.partition}/{at.offset}
        </h2>
        <div className="flex items-center gap-2">
          {data && (
            <>
              {canReplay && (
                <Button
                  size="sm"
                  variant="primary"
                  data-testid="dead-letter-detail-replay"
                  disabled={readOnly}
                  title={readOnly ? READ_ONLY_REASON : undefined}
                  onClick={() => onReplay(target(data))}
                >
                  Replay…
                </Button>
              )}
              {canDiscard && (
                <Button
                  size="sm"
                  data-testid="dead-letter-detail-discard"
                  disabled={readOnly || data.row.status !== 'pending'}
                  title={readOnly ? READ_ONLY_REASON : undefined}
                  onClick={() => onDiscard(target(data))}
                >
                  Discard…
                </Button>
              )}
            </>
          )}
          <Button size="sm" variant="ghost" onClick={onClose} aria-label="Close">
            ✕
          </Button>
        </div>
      </header>
      {isPending ? (
        <div role="status" aria-label="Loading the dead letter" className="flex flex-col gap-2">
          <Skeleton className="h-6 w-1/2" />
          <Skeleton className="h-40 w-full" />
        </div>
      ) : !data ? (
        <ErrorState
          title="Cannot read this dead letter"
          error={error}
          onRetry={() => refetch()}
          retrying={isFetching}
        />
      ) : (
        <DetailBody clusterId={clusterId} d={data} />
      )}
    </aside>
  )
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="flex flex-col gap-1" data-testid={testId}>
      <h3 className="text-xs font-semibold text-muted">{title}</h3>
      {children}
    </section>
  )
}

function DetailBody({ clusterId, d }: { clusterId: string; d: Detail }) {
  const { row, metadata: m } = d
  const message = asDecodedMessage(d.message)
  const meta: [string, ReactNode][] = [
    ['Style', m.style],
    ['Error type', m.error.type],
    ['Cause', m.error.causeType],
    ['Failed on', m.error.failedOn],
    ['Fingerprint', m.error.fingerprint],
    ['Source topic', m.source.topic],
    ['Source partition', m.source.partition],
    ['Source offset', m.source.offset],
    [
      'Original time',
      m.source.timestamp === undefined ? undefined : formatIso(new Date(m.source.timestamp).toISOString()),
    ],
    ['Consumer group', m.source.consumerGroup],
    ['Connector', m.connect && [m.connect.connector, m.connect.task].filter((x) => x !== undefined).join(' task ')],
    ['Stage', m.connect?.stage],
    ['Attempts', m.attempts],
    ['First attempt', m.firstAttemptAt],
    ['Last attempt', m.lastAttemptAt],
    ['Dead-lettered at', formatIso(row.timestamp)],
  ]
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={statusTone(row.status)} data-testid="dead-letter-detail-status">
          {row.status}
        </Badge>
        {row.replayCount > 0 && <Badge tone="accent">replayed {row.replayCount}×</Badge>}
        {d.sourceLink && (
          <Link
            data-testid="dead-letter-source-link"
            href={sourceMessageHref(clusterId, d.sourceLink.topic, d.sourceLink.partition, d.sourceLink.offset)}
            className="text-xs text-accent hover:underline"
          >
            Original record in {d.sourceLink.topic} {d.sourceLink.partition}/{d.sourceLink.offset}
            {d.sourceLink.exists ? '' : ' (no longer in the topic)'}
          </Link>
        )}
      </div>
      <Section title="Error" testId="dead-letter-error">
        <p className="font-mono text-sm font-medium">{m.error.type ?? 'Unknown error type'}</p>
        {m.error.message && <p className="whitespace-pre-wrap break-words text-sm">{m.error.message}</p>}
      </Section>
      {m.error.stackTrace && (
        <Section title="Stack trace" testId="dead-letter-stack">
          <pre className="max-h-80 overflow-auto rounded-md border border-border bg-surface-muted p-2 font-mono text-[11px] leading-snug">
            {m.error.stackTrace}
          </pre>
        </Section>
      )}
      <Section title="Metadata">
        <dl className="grid grid-cols-[9rem_1fr] gap-x-3 gap-y-1 text-xs" data-testid="dead-letter-metadata">
          {meta
            .filter(([, v]) => v !== undefined && v !== '')
            .map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="text-muted">{k}</dt>
                <dd className="break-all font-mono">{v}</dd>
              </div>
            ))}
        </dl>
        {m.problems.length > 0 && (
          <ul className="mt-1 list-disc pl-5 text-xs text-warning">
            {m.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="History" testId="dead-letter-history">
        {row.resolution ? (
          <p className="text-sm">
            <Badge tone={statusTone(row.resolution.status)}>{row.resolution.status}</Badge>{' '}
            {new Date(row.resolution.at).toLocaleString()} by {row.resolution.by}
            {row.resolution.reason && <> · “{row.resolution.reason}”</>}
            {row.resolution.jobId && <span className="font-mono text-xs"> · job {row.resolution.jobId}</span>}
            {row.resolution.target && (
              <>
                {' '}
                →{' '}
                <Link
                  data-testid="dead-letter-replayed-copy"
                  href={sourceMessageHref(
                    clusterId,
                    row.resolution.target.topic,
                    row.resolution.target.partition,
                    row.resolution.target.offset,
                  )}
                  className="font-mono text-xs text-accent hover:underline"
                >
                  {row.resolution.target.topic} {row.resolution.target.partition}/{row.resolution.target.offset}
                </Link>
              </>
            )}
          </p>
        ) : (
          <p className="text-sm text-muted">Pending: never replayed or discarded.</p>
        )}
      </Section>
      {d.originalValue !== undefined && (
        <Section title="Original event" testId="dead-letter-original">
          <Tree value={d.originalValue} />
        </Section>
      )}
      <Section title="The dead-letter record" testId="dead-letter-record">
        {message ? (
          <div className="flex flex-col gap-2">
            <PayloadView label="Key" d={message.key} />
            <PayloadView label="Value" d={message.value} />
            {message.headers.length > 0 && (
              <table className="w-full text-xs">
                <tbody>
                  {message.headers.map((h, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: headers may repeat a key; their order is fixed
                    <tr key={`${h.key}-${i}`} className="border-b border-border last:border-0 align-top">
                      <td className="py-1 pr-2 font-mono text-muted">{h.key}</td>
                      <td className="max-w-0 truncate py-1 font-mono" title={h.value.text ?? h.value.base64}>
                        {h.value.text ?? h.value.base64}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        ) : (
          <Tree value={d.message} />
        )}
      </Section>
    </div>
  )
}

function Tree({ value }: { value: unknown }) {
  return (
    <div className="max-h-96 overflow-auto rounded-md border border-border bg-surface-muted p-2">
      <JsonTree value={value} />
    </div>
  )
}

function PayloadView({ label, d }: { label: string; d: Decoded }) {
  return (
    <div>
      <p className="text-xs text-muted">
        {label} <Badge>{d.format}</Badge>
      </p>
      {d.json !== undefined && d.format !== 'null' ? (
        <Tree value={d.json} />
      ) : (
        <pre className="max-h-60 overflow-auto whitespace-pre-wrap break-all rounded-md border border-border bg-surface-muted p-2 font-mono text-xs">
          {d.format === 'null' ? 'null' : (d.text ?? d.base64)}
        </pre>
      )}
    </div>
  )
}
