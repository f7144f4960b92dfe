'use client'

import Link from 'next/link'
import { useState } from 'react'
import { ActionDialog, AuditNote, DialogNotice } from '@/components/groups/action-dialog'
import { Button } from '@/components/ui/button'
import { ErrorState } from '@/components/ui/error-state'
import { useClusters } from '@/lib/client/clusters'
import { formatBytes } from '@/lib/client/format'
import { useProduceMessage } from '@/lib/client/produce'
import { useCan } from '@/lib/client/session'
import { useTopics } from '@/lib/client/topics'
import { describeJsonError } from '@/lib/messages/produce/json-check'
import { ProduceConfirm } from './produce-confirm'
import {
  formProblems,
  initialProduceForm,
  messageHref,
  type ProduceForm,
  prettyJson,
  recordBytesOf,
  requestOf,
  valueJsonError,
} from './produce-form-model'
import { ProduceHeadersEditor } from './produce-headers-editor'

type ProduceButtonProps = { clusterId: string; topic: string }

/** "Produce message" for a topic page; disabled on read-only clusters. */
export function ProduceButton({ clusterId, topic }: ProduceButtonProps) {
  const [open, setOpen] = useState(false)
  const clusters = useClusters()
  const readOnly = clusters.data?.clusters.find((c) => c.id === clusterId)?.readOnly ?? false
  if (!useCan('topic.produce', { clusterId, topic })) return null
  return (
    <>
      <Button
        size="sm"
        data-testid="produce-button"
        disabled={readOnly}
        title={readOnly ? 'This cluster is read-only in Ferry’s config' : undefined}
        onClick={() => setOpen(true)}
      >
        Produce message
      </Button>
      {open && <ProduceDialog clusterId={clusterId} topic={topic} onClose={() => setOpen(false)} />}
    </>
  )
}

const INPUT = 'h-8 rounded-md border border-border-strong bg-surface px-2.5 font-mono text-sm'

/** Edit → confirm (exactly what will be sent) → result with partition, offset and a link to the record. */
export function ProduceDialog({ clusterId, topic, onClose }: ProduceButtonProps & { onClose: () => void }) {
  const [form, setForm] = useState<ProduceForm>(initialProduceForm)
  const [step, setStep] = useState<'edit' | 'confirm'>('edit')
  const produce = useProduceMessage(clusterId, topic)
  const partitions = useTopics(clusterId).data?.topics.find((t) => t.name === topic)?.partitions
  // Checked on every keystroke: JSON.parse of a 1 MiB value takes milliseconds.
  const jsonError = valueJsonError(form)
  const problems = formProblems(form, partitions)
  const set = (patch: Partial<ProduceForm>) => {
    setForm((f) => ({ ...f, ...patch }))
    produce.reset()
  }
  const done = produce.data

  if (done) {
    return (
      <ActionDialog
        title="Message produced"
        onClose={onClose}
        testId="produce-dialog"
        className="w-[min(40rem,calc(100vw-2rem))]"
        footer={
          <>
            <Button
              data-testid="produce-another"
              onClick={() => {
                produce.reset()
                setStep('edit')
              }}
            >
              Produce another
            </Button>
            <Button variant="primary" onClick={onClose}>
              Close
            </Button>
          </>
        }
      >
        <div className="flex flex-col gap-2" data-testid="produce-result">
          <DialogNotice tone="success">
            Written to <span className="font-mono">{done.topic}</span> partition{' '}
            <strong data-testid="produce-result-partition">{done.partition}</strong> at offset{' '}
            <strong data-testid="produce-result-offset">{done.offset}</strong>
            {' · '}
            {new Date(done.timestamp).toLocaleString()} ({done.timestampType})
          </DialogNotice>
          <Link
            href={messageHref(clusterId, topic, done)}
            data-testid="produce-result-link"
            className="text-sm font-medium text-accent hover:underline"
            onClick={onClose}
          >
            Show it in the messages
          </Link>
          <AuditNote audit={done.audit} />
        </div>
      </ActionDialog>
    )
  }

  const request = requestOf(form)
  return (
    <ActionDialog
      title={step === 'edit' ? 'Produce a message' : 'Confirm the message'}
      description={
        <>
          To topic <span className="font-mono">{topic}</span>
          {partitions !== undefined && ` (${partitions} partition${partitions === 1 ? '' : 's'})`}. Written with
          acks=all and recorded in the audit trail (the value only as its size and SHA-256).
        </>
      }
      onClose={onClose}
      testId="produce-dialog"
      className="w-[min(48rem,calc(100vw-2rem))]"
      footer={
        step === 'edit' ? (
          <>
            <Button onClick={onClose}>Cancel</Button>
            <Button
              variant="primary"
              data-testid="produce-review"
              disabled={problems.length > 0}
              onClick={() => setStep('confirm')}
            >
              Review…
            </Button>
          </>
        ) : (
          <>
            <Button onClick={() => setStep('edit')} disabled={produce.isPending}>
              Back
            </Button>
            <Button
              variant="primary"
              data-testid="produce-submit"
              disabled={produce.isPending}
              onClick={() => produce.mutate(request)}
            >
              {produce.isPending ? 'Producing…' : 'Produce'}
            </Button>
          </>
        )
      }
    >
      {step === 'confirm' ? (
        <div className="flex flex-col gap-3">
          <ProduceConfirm topic={topic} request={request} bytes={recordBytesOf(form)} />
          {produce.error && <ErrorState title="The message was not produced" error={produce.error} />}
        </div>
      ) : (
        <div className="flex flex-col gap-4">
          <div className="flex flex-wrap gap-4">
            <label className="flex min-w-48 flex-1 flex-col gap-1 text-sm">
              <span className="font-medium">Key</span>
              <input
                data-testid="produce-key"
                value={form.key}
                onChange={(e) => set({ key: e.target.value })}
                placeholder="empty = no key (null)"
                spellCheck={false}
                autoComplete="off"
                className={INPUT}
              />
            </label>
            <label className="flex w-40 flex-col gap-1 text-sm">
              <span className="font-medium">Partition</span>
              <input
                data-testid="produce-partition"
                value={form.partition}
                onChange={(e) => set({ partition: e.target.value })}
                placeholder="auto"
                inputMode="numeric"
                autoComplete="off"
                className={INPUT}
              />
            </label>
          </div>
          <div className="flex flex-col gap-1 text-sm">
            <div className="flex flex-wrap items-center gap-3">
              <span className="font-medium">Value</span>
              <select
                aria-label="Value format"
                data-testid="produce-format"
                value={form.valueFormat}
                onChange={(e) => set({ valueFormat: e.target.value === 'json' ? 'json' : 'text' })}
                className="h-7 cursor-pointer rounded-md border border-border-strong bg-surface px-2 text-xs"
              >
                <option value="text">Text</option>
                <option value="json">JSON</option>
              </select>
              {form.valueFormat === 'json' && (
                <Button
                  size="sm"
                  data-testid="produce-pretty"
                  disabled={form.nullValue || !!jsonError}
                  onClick={() => set({ value: prettyJson(form.value) ?? form.value })}
                >
                  Pretty-print
                </Button>
              )}
              <label className="ml-auto flex items-center gap-1.5 text-xs">
                <input
                  type="checkbox"
                  data-testid="produce-null-value"
                  checked={form.nullValue}
                  onChange={(e) => set({ nullValue: e.target.checked })}
                />
                Null value (tombstone)
              </label>
            </div>
            <textarea
              data-testid="produce-value"
              aria-label="Value"
              value={form.value}
              disabled={form.nullValue}
              onChange={(e) => set({ value: e.target.value })}
              spellCheck={false}
              rows={10}
              className="min-h-32 resize-y rounded-md border border-border-strong bg-surface px-2.5 py-2 font-mono text-xs disabled:opacity-50"
            />
            <div className="flex items-center justify-between gap-3 text-xs">
              <span data-testid="produce-value-status" className={jsonError ? 'text-danger' : 'text-muted'}>
                {form.valueFormat === 'json' && !form.nullValue
                  ? jsonError
                    ? `Invalid JSON: ${describeJsonError(jsonError)}`
                    : 'Valid JSON'
                  : ''}
              </span>
              <span className="text-muted tabular-nums">{formatBytes(recordBytesOf(form))}</span>
            </div>
          </div>
          <ProduceHeadersEditor rows={form.headers} onChange={(headers) => set({ headers })} />
          {problems.length > 0 && (
            <DialogNotice tone="warning" testId="produce-problems">
              {problems.map((p) => (
                <div key={p}>{p}</div>
              ))}
            </DialogNotice>
          )}
        </div>
      )}
    </ActionDialog>
  )
}
