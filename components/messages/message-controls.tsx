'use client'

import type { FormEvent } from 'react'
import { Button } from '@/components/ui/button'
import type { PayloadFormat } from '@/lib/messages/types'
import { type ExplorerState, FORMATS, fromDatetimeLocal, type StartFrom, toDatetimeLocal } from './explorer-model'

type Props = {
  state: ExplorerState
  onChange: (patch: Partial<ExplorerState>) => void
  onRun: () => void
  running: boolean
  formError: string | null
  /** A CEL compile error from the server, with its 0-based position. */
  celError: { message: string; position?: number } | null
  /** Live tail on: the start, direction and limit do not apply, and submitting restarts the tail. */
  tailOn: boolean
  onToggleTail: () => void
}

const INPUT =
  'h-8 rounded-md border border-border-strong bg-surface px-2 text-sm text-foreground placeholder:text-muted focus:outline-none focus:ring-2 focus:ring-accent/40'
const LABEL = 'flex flex-col gap-1 text-xs text-muted'

const STARTS: { value: StartFrom; label: string }[] = [
  { value: 'newest', label: 'Newest' },
  { value: 'oldest', label: 'Oldest' },
  { value: 'offset', label: 'Offset' },
  { value: 'timestamp', label: 'Date & time' },
  { value: 'group', label: "Group's position" },
]

export function MessageControls({ state, onChange, onRun, running, formError, celError, tailOn, onToggleTail }: Props) {
  const submit = (e: FormEvent) => {
    e.preventDefault()
    onRun()
  }
  return (
    <form onSubmit={submit} className="flex flex-col gap-3 rounded-lg border border-border bg-surface p-3">
      <div className="flex flex-wrap items-end gap-3">
        <label className={LABEL}>
          Partitions
          <input
            className={`${INPUT} w-28`}
            placeholder="all"
            value={state.partitions}
            onChange={(e) => onChange({ partitions: e.target.value })}
          />
        </label>
        <label className={LABEL}>
          Start
          <select
            className={INPUT}
            disabled={tailOn}
            value={state.from}
            onChange={(e) => {
              const from = e.target.value as StartFrom
              onChange({ from, direction: from === 'newest' ? 'backward' : 'forward' })
            }}
          >
            {STARTS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        {state.from === 'offset' && (
          <label className={LABEL}>
            Offset
            <input
              className={`${INPUT} w-32 font-mono`}
              inputMode="numeric"
              value={state.startOffset}
              onChange={(e) => onChange({ startOffset: e.target.value.trim() })}
            />
          </label>
        )}
        {state.from === 'timestamp' && (
          <label className={LABEL}>
            From (local time)
            <input
              type="datetime-local"
              step={1}
              className={INPUT}
              value={toDatetimeLocal(state.time)}
              onChange={(e) => onChange({ time: fromDatetimeLocal(e.target.value) })}
            />
          </label>
        )}
        {state.from === 'group' && (
          <label className={LABEL}>
            Consumer group
            <input
              className={`${INPUT} w-56 font-mono`}
              value={state.group}
              onChange={(e) => onChange({ group: e.target.value })}
            />
          </label>
        )}
        <label className={LABEL}>
          Direction
          <select
            className={INPUT}
            disabled={tailOn}
            value={state.direction}
            onChange={(e) => onChange({ direction: e.target.value as ExplorerState['direction'] })}
          >
            <option value="forward">Forward (oldest first)</option>
            <option value="backward">Backward (newest first)</option>
          </select>
        </label>
        <label className={LABEL}>
          Limit
          <input
            type="number"
            min={1}
            max={10_000}
            disabled={tailOn}
            className={`${INPUT} w-24`}
            value={state.limit}
            onChange={(e) => onChange({ limit: Math.max(1, Math.min(10_000, Number(e.target.value) || 1)) })}
          />
        </label>
        <FormatSelect label="Key as" value={state.keyFormat} onChange={(keyFormat) => onChange({ keyFormat })} />
        <FormatSelect
          label="Value as"
          value={state.valueFormat}
          onChange={(valueFormat) => onChange({ valueFormat })}
        />
      </div>
      <div className="flex flex-wrap items-start gap-3">
        <label className={`${LABEL} min-w-[20rem] flex-[2]`}>
          CEL filter
          <input
            data-testid="cel-input"
            className={`${INPUT} font-mono`}
            placeholder='value.amount > 100 && headers["event-type"] == "created"'
            value={state.cel}
            maxLength={2_000}
            aria-invalid={celError !== null}
            onChange={(e) => onChange({ cel: e.target.value })}
          />
          {celError && (
            <span data-testid="cel-error" role="alert" className="flex flex-col font-mono text-xs text-danger">
              {celError.position !== undefined && (
                <span className="whitespace-pre text-muted">
                  {state.cel}
                  {'\n'}
                  {`${' '.repeat(celError.position)}^`}
                </span>
              )}
              <span className="whitespace-normal">{celError.message}</span>
            </span>
          )}
        </label>
        <label className={`${LABEL} min-w-[12rem] flex-1`}>
          Contains
          <input
            className={INPUT}
            placeholder="text in key, value or headers"
            value={state.contains}
            onChange={(e) => onChange({ contains: e.target.value })}
          />
        </label>
        <div className="flex items-end gap-2 self-stretch pt-5">
          <Button type="submit" variant="primary" disabled={running && !tailOn}>
            {tailOn ? 'Restart tail' : running ? 'Scanning…' : 'Scan'}
          </Button>
          <Button
            data-testid="tail-toggle"
            aria-pressed={tailOn}
            variant={tailOn ? 'primary' : 'secondary'}
            title="Follow new messages from now on, with this filter"
            onClick={onToggleTail}
          >
            {tailOn ? 'Stop live tail' : 'Live tail'}
          </Button>
        </div>
      </div>
      {formError && (
        <p role="alert" className="text-xs text-danger">
          {formError}
        </p>
      )}
    </form>
  )
}

function FormatSelect({
  label,
  value,
  onChange,
}: {
  label: string
  value: PayloadFormat
  onChange: (f: PayloadFormat) => void
}) {
  return (
    <label className={LABEL}>
      {label}
      <select className={INPUT} value={value} onChange={(e) => onChange(e.target.value as PayloadFormat)}>
        {FORMATS.map((f) => (
          <option key={f} value={f}>
            {f}
          </option>
        ))}
      </select>
    </label>
  )
}
