'use client'

import { type FormEvent, useEffect, useState } from 'react'
import { Button } from '@/components/ui/button'
import { useDlqDashboard } from '@/lib/client/dlq'
import type { DeadLetterQuery, DlqStatus } from '@/lib/dlq/api-types'
import { DLQ_STATUSES, isoOfLocalInput, localInputOf, rangeProblem } from './dlq-model'

const INPUT = 'h-8 rounded-md border border-border-strong bg-surface px-2 text-sm'
const RANGES = [
  { label: 'any time', ms: 0 },
  { label: 'last hour', ms: 3_600_000 },
  { label: 'last 24 h', ms: 86_400_000 },
  { label: 'last 7 days', ms: 7 * 86_400_000 },
] as const

type Props = {
  clusterId: string
  query: DeadLetterQuery
  onApply: (query: DeadLetterQuery) => void
  /** The server's refusal of the CEL expression, shown under it. */
  celError?: string | null
}

/** The explorer's filters: edited here, applied on submit (the CEL expression is evaluated on the server). */
export function DeadLetterFilters({ clusterId, query, onApply, celError }: Props) {
  const [draft, setDraft] = useState<DeadLetterQuery>(query)
  useEffect(() => setDraft(query), [query])
  // A range with an end is a custom one (the presets only set a start).
  const [custom, setCustom] = useState(query.to !== undefined)
  const badRange = rangeProblem(draft.from, draft.to)
  const dashboard = useDlqDashboard(clusterId)
  const topics = dashboard.data?.topics.map((t) => t.topic) ?? []
  const sources = dashboard.data?.bySource.map((s) => s.sourceTopic) ?? []
  const types = [...new Set(dashboard.data?.byError.map((e) => e.type).filter((t): t is string => !!t) ?? [])]
  const set = (patch: Partial<DeadLetterQuery>) => setDraft((d) => ({ ...d, ...patch }))
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!badRange) onApply(draft)
  }
  const selectWith = (value: string | undefined, options: readonly string[]) =>
    value && !options.includes(value) ? [value, ...options] : options
  return (
    <form
      onSubmit={submit}
      className="flex flex-col gap-2 rounded-lg border border-border bg-surface p-3"
      data-testid="dead-letter-filters"
    >
      <div className="flex flex-wrap items-end gap-2">
        <Field label="Dead-letter topic">
          <select
            data-testid="dlq-filter-topic"
            value={draft.topic ?? ''}
            onChange={(e) => set({ topic: e.target.value || undefined })}
            className={INPUT}
          >
            <option value="">all</option>
            {selectWith(draft.topic, topics).map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </Field>
        <Field label="Source topic">
          <select
            data-testid="dlq-filter-source"
            value={draft.sourceTopic ?? ''}
            onChange={(e) => set({ sourceTopic: e.target.value || undefined })}
            className={INPUT}
          >
            <option value="">all</option>
            {selectWith(draft.sourceTopic, sources).map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </Field>
        <Field label="Error type">
          <input
            data-testid="dlq-filter-error-type"
            list="dlq-error-types"
            value={draft.errorType ?? ''}
            onChange={(e) => set({ errorType: e.target.value || undefined })}
            className={`${INPUT} w-64 font-mono`}
          />
          <datalist id="dlq-error-types">
            {types.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
        </Field>
        <Field label="Status">
          <select
            data-testid="dlq-filter-status"
            value={draft.status ?? ''}
            onChange={(e) => set({ status: (e.target.value || undefined) as DlqStatus | undefined })}
            className={INPUT}
          >
            <option value="">all</option>
            {DLQ_STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </Field>
        <Field label="Failed">
          <select
            data-testid="dlq-filter-range"
            value={custom ? 'custom' : draft.from ? 'since' : '0'}
            onChange={(e) => {
              if (e.target.value === 'custom') {
                setCustom(true)
                return
              }
              if (e.target.value === 'since') return
              setCustom(false)
              const ms = Number(e.target.value)
              set({ from: ms > 0 ? new Date(Date.now() - ms).toISOString() : undefined, to: undefined })
            }}
            className={INPUT}
          >
            {RANGES.map((r) => (
              <option key={r.ms} value={String(r.ms)}>
                {r.label}
              </option>
            ))}
            {draft.from && !custom && <option value="since">since {new Date(draft.from).toLocaleString()}</option>}
            <option value="custom">between…</option>
          </select>
        </Field>
        {custom && (
          <>
            <Field label="From (local time)">
              <input
                type="datetime-local"
                data-testid="dlq-filter-from"
                value={localInputOf(draft.from)}
                onChange={(e) => set({ from: isoOfLocalInput(e.target.value) })}
                className={INPUT}
              />
            </Field>
            <Field label="To (local time)">
              <input
                type="datetime-local"
                data-testid="dlq-filter-to"
                value={localInputOf(draft.to)}
                onChange={(e) => set({ to: isoOfLocalInput(e.target.value) })}
                aria-invalid={!!badRange}
                className={`${INPUT} ${badRange ? 'border-danger' : ''}`}
              />
            </Field>
          </>
        )}
        <Field label="Text in the error">
          <input
            data-testid="dlq-filter-text"
            value={draft.text ?? ''}
            onChange={(e) => set({ text: e.target.value || undefined })}
            className={`${INPUT} w-48`}
          />
        </Field>
      </div>
      <div className="flex flex-wrap items-start gap-2">
        <label className="flex min-w-80 flex-1 flex-col gap-1 text-xs text-muted">
          <span>
            CEL expression over the message and <code>dlq</code> (the parsed metadata)
          </span>
          <input
            data-testid="dlq-filter-cel"
            value={draft.cel ?? ''}
            onChange={(e) => set({ cel: e.target.value || undefined })}
            placeholder={'dlq.attempts > 2 && value.currency == "XYZ"'}
            spellCheck={false}
            aria-invalid={!!celError}
            className={`${INPUT} font-mono text-foreground ${celError ? 'border-danger' : ''}`}
          />
          {celError && (
            <span role="alert" data-testid="dlq-filter-cel-error" className="text-danger">
              {celError}
            </span>
          )}
        </label>
        <div className="flex gap-2 self-end">
          <Button
            type="button"
            onClick={() => {
              setCustom(false)
              onApply({})
            }}
          >
            Clear
          </Button>
          <Button type="submit" variant="primary" data-testid="dlq-filter-apply" disabled={!!badRange}>
            Apply
          </Button>
        </div>
      </div>
      {badRange && (
        <p role="alert" className="text-xs text-danger" data-testid="dlq-filter-range-error">
          {badRange}
        </p>
      )}
      {draft.fingerprint && (
        <p className="text-xs text-muted">
          Error group <span className="font-mono">{draft.fingerprint}</span>{' '}
          <button
            type="button"
            className="cursor-pointer text-accent hover:underline"
            onClick={() => set({ fingerprint: undefined })}
          >
            remove
          </button>
        </p>
      )}
    </form>
  )
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the child
    <label className="flex flex-col gap-1 text-xs text-muted">
      {label}
      {children}
    </label>
  )
}
