import { cn } from '@/components/ui/cn'
import { formatCount, pluralize } from '@/lib/client/format'
import type { PartitionLagWithTime } from '@/lib/lag/types'
import { groupPartitionsByTopic } from './group-detail-model'
import { type Selection, selectionKey } from './reset-offsets-model'

type ResetScopePickerProps = {
  partitions: readonly PartitionLagWithTime[]
  selection: Selection
  onChange: (next: Set<string>) => void
}

/** Topics with their partitions as checkboxes; a topic's box selects or clears all of its partitions. */
export function ResetScopePicker({ partitions, selection, onChange }: ResetScopePickerProps) {
  const topics = groupPartitionsByTopic(partitions)
  const toggle = (keys: string[], on: boolean) => {
    const next = new Set(selection)
    for (const k of keys) {
      if (on) next.add(k)
      else next.delete(k)
    }
    onChange(next)
  }
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-sm font-medium">
        Partitions <span className="font-normal text-muted">({pluralize(selection.size, 'selected partition')})</span>
      </legend>
      <div className="max-h-56 overflow-y-auto rounded-md border border-border">
        {topics.map((t) => {
          const keys = t.partitions.map((p) => selectionKey(p.topic, p.partition))
          const chosen = keys.filter((k) => selection.has(k)).length
          return (
            <div key={t.topic} className="border-b border-border px-3 py-2 last:border-b-0">
              <label className="flex cursor-pointer items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  data-testid={`reset-topic-${t.topic}`}
                  checked={chosen === keys.length}
                  ref={(el) => {
                    if (el) el.indeterminate = chosen > 0 && chosen < keys.length
                  }}
                  onChange={(e) => toggle(keys, e.target.checked)}
                />
                <span className="font-medium">{t.topic}</span>
                <span className="text-xs text-muted">
                  {pluralize(t.partitions.length, 'partition')} · lag {formatCount(t.totalLag)}
                </span>
              </label>
              <div className="mt-1.5 flex flex-wrap gap-1 pl-6">
                {t.partitions.map((p) => {
                  const key = selectionKey(p.topic, p.partition)
                  const on = selection.has(key)
                  return (
                    <label
                      key={key}
                      title={`committed ${p.committedOffset ?? 'none'} · log end ${p.endOffset}`}
                      className={cn(
                        'flex h-6 cursor-pointer items-center gap-1 rounded border px-1.5 text-xs tabular-nums',
                        on ? 'border-accent/40 bg-accent-soft text-accent' : 'border-border text-muted',
                      )}
                    >
                      <input
                        type="checkbox"
                        className="sr-only"
                        data-testid={`reset-partition-${p.topic}-${p.partition}`}
                        checked={on}
                        onChange={(e) => toggle([key], e.target.checked)}
                      />
                      {p.partition}
                    </label>
                  )
                })}
              </div>
            </div>
          )
        })}
      </div>
    </fieldset>
  )
}
