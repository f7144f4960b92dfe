import { cn } from '@/components/ui/cn'
import { LAG_HISTORY_RANGES } from '@/lib/lag/history/ranges'
import type { LagHistoryRange } from '@/lib/lag/history-types'
import type { ScopeOption } from './lag-history-model'

const RANGE_LABELS: Record<LagHistoryRange, string> = {
  '15m': '15 min',
  '1h': '1 h',
  '6h': '6 h',
  '24h': '24 h',
  '7d': '7 d',
}

type RangePickerProps = { value: LagHistoryRange; onChange: (range: LagHistoryRange) => void }

/** Segmented buttons: the ranges are few and fixed, one click each. */
export function RangePicker({ value, onChange }: RangePickerProps) {
  return (
    <fieldset className="flex overflow-hidden rounded-md border border-border-strong" data-testid="lag-history-range">
      <legend className="sr-only">Time range</legend>
      {LAG_HISTORY_RANGES.map((range) => (
        <button
          key={range}
          type="button"
          aria-pressed={range === value}
          data-range={range}
          onClick={() => onChange(range)}
          className={cn(
            'h-7 cursor-pointer border-l border-border-strong px-2 text-xs font-medium first:border-l-0',
            range === value ? 'bg-accent text-accent-foreground' : 'bg-surface text-muted hover:bg-surface-muted',
          )}
        >
          {RANGE_LABELS[range]}
        </button>
      ))}
    </fieldset>
  )
}

type ScopePickerProps = { value: string; options: ScopeOption[]; onChange: (key: string) => void }

export function ScopePicker({ value, options, onChange }: ScopePickerProps) {
  return (
    <select
      data-testid="lag-history-scope"
      aria-label="Show the lag of"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      className="h-7 max-w-64 rounded-md border border-border-strong bg-surface px-2 text-xs"
    >
      {options.map((o) => (
        <option key={o.key} value={o.key}>
          {o.label}
        </option>
      ))}
    </select>
  )
}
