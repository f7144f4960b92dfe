'use client'

import { Button } from '@/components/ui/button'
import { CrossIcon } from '@/components/ui/icons'
import { type ConfigRow, configRow } from './config-rows-model'

type ConfigRowsEditorProps = {
  rows: readonly ConfigRow[]
  onChange: (rows: ConfigRow[]) => void
  /** Test id prefix of the inputs, e.g. "create-topic-config". */
  testId: string
}

/** Config overrides as editable name = value rows (Kafka's names, e.g. retention.ms). */
export function ConfigRowsEditor({ rows, onChange, testId }: ConfigRowsEditorProps) {
  const update = (id: number, patch: Partial<ConfigRow>) =>
    onChange(rows.map((r) => (r.id === id ? { ...r, ...patch } : r)))
  const input = 'h-8 min-w-0 rounded-md border border-border-strong bg-surface px-2.5 font-mono text-sm'
  return (
    <div className="flex flex-col gap-1.5" data-testid={`${testId}-rows`}>
      {rows.length === 0 && <p className="text-sm text-muted">No overrides: the broker’s defaults apply.</p>}
      {rows.map((r, i) => (
        <div key={r.id} className="flex items-center gap-2">
          <input
            aria-label={`Config name ${i + 1}`}
            data-testid={`${testId}-name`}
            placeholder="retention.ms"
            value={r.name}
            onChange={(e) => update(r.id, { name: e.target.value })}
            spellCheck={false}
            autoComplete="off"
            className={`${input} flex-1`}
          />
          <span className="text-muted">=</span>
          <input
            aria-label={`Value of ${r.name || `config ${i + 1}`}`}
            data-testid={`${testId}-value`}
            placeholder="604800000"
            value={r.value}
            onChange={(e) => update(r.id, { value: e.target.value })}
            spellCheck={false}
            autoComplete="off"
            className={`${input} flex-1`}
          />
          <button
            type="button"
            aria-label={`Remove ${r.name || 'row'}`}
            onClick={() => onChange(rows.filter((x) => x.id !== r.id))}
            className="cursor-pointer rounded p-1 text-muted hover:bg-surface-muted hover:text-foreground"
          >
            <CrossIcon className="size-4" />
          </button>
        </div>
      ))}
      <div>
        <Button
          size="sm"
          variant="ghost"
          data-testid={`${testId}-add`}
          onClick={() => onChange([...rows, configRow()])}
        >
          + Add config
        </Button>
      </div>
    </div>
  )
}
