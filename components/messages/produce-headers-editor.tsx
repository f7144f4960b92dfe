'use client'

import { Button } from '@/components/ui/button'
import { CrossIcon } from '@/components/ui/icons'
import { type HeaderRow, newHeaderRow } from './produce-form-model'

const INPUT = 'h-8 min-w-0 flex-1 rounded-md border border-border-strong bg-surface px-2.5 font-mono text-sm'

/** Header rows (name, value) to add and remove; Kafka allows a name more than once. */
export function ProduceHeadersEditor({ rows, onChange }: { rows: HeaderRow[]; onChange: (rows: HeaderRow[]) => void }) {
  const update = (id: number, patch: Partial<HeaderRow>) =>
    onChange(rows.map((r) => (r.id === id ? { ...r, ...patch } : r)))
  return (
    <fieldset className="flex flex-col gap-1.5 text-sm" data-testid="produce-headers">
      <legend className="mb-1 font-medium">Headers</legend>
      {rows.length === 0 && <p className="text-xs text-muted">No headers.</p>}
      {rows.map((row, i) => (
        <div key={row.id} className="flex items-center gap-2">
          <input
            aria-label={`Header ${i + 1} name`}
            data-testid="produce-header-key"
            placeholder="name"
            value={row.key}
            onChange={(e) => update(row.id, { key: e.target.value })}
            spellCheck={false}
            autoComplete="off"
            className={INPUT}
          />
          <input
            aria-label={`Header ${i + 1} value`}
            data-testid="produce-header-value"
            placeholder="value"
            value={row.value}
            onChange={(e) => update(row.id, { value: e.target.value })}
            spellCheck={false}
            autoComplete="off"
            className={INPUT}
          />
          <button
            type="button"
            aria-label={`Remove header ${i + 1}`}
            data-testid="produce-header-remove"
            onClick={() => onChange(rows.filter((r) => r.id !== row.id))}
            className="cursor-pointer rounded p-1 text-muted hover:bg-surface-muted hover:text-foreground"
          >
            <CrossIcon className="size-4" />
          </button>
        </div>
      ))}
      <div>
        <Button size="sm" data-testid="produce-header-add" onClick={() => onChange([...rows, newHeaderRow()])}>
          Add header
        </Button>
      </div>
    </fieldset>
  )
}
