import type { ReactNode } from 'react'
import { SearchIcon } from '@/components/ui/icons'
import { formatCount } from '@/lib/client/format'
import type { GroupType } from '@/lib/groups/types'
import type { LagVerdict } from '@/lib/lag/history-types'
import { GROUP_TYPES, TYPE_NAMES } from './group-labels'
import { type GroupSearch, VERDICTS } from './group-table-model'
import { verdictLabel } from './verdict-badge'

type GroupToolbarProps = {
  search: GroupSearch
  onChange: (patch: Partial<GroupSearch>) => void
  total: number
  shown: number
  typeCounts: ReadonlyMap<string, number>
  states: readonly { state: string; count: number }[]
  verdicts: ReadonlyMap<LagVerdict, number>
  supportedTypes: readonly GroupType[]
  actions?: ReactNode
}

const SELECT = 'h-8 cursor-pointer rounded-md border border-border-strong bg-surface px-2 text-sm'

export function GroupToolbar({
  search,
  onChange,
  total,
  shown,
  typeCounts,
  states,
  verdicts,
  supportedTypes,
  actions,
}: GroupToolbarProps) {
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
      <div className="relative w-72">
        <SearchIcon className="pointer-events-none absolute top-2 left-2.5 size-4 text-muted" />
        <input
          type="search"
          data-testid="group-search"
          aria-label="Search groups by id"
          placeholder="Search groups…"
          value={search.q}
          onChange={(e) => onChange({ q: e.target.value })}
          spellCheck={false}
          autoComplete="off"
          className="h-8 w-full rounded-md border border-border-strong bg-surface pr-2.5 pl-8 text-sm placeholder:text-muted"
        />
      </div>
      <select
        data-testid="group-type-filter"
        aria-label="Filter by group type"
        value={search.type}
        onChange={(e) => onChange({ type: e.target.value as GroupSearch['type'] })}
        className={SELECT}
      >
        <option value="">All types</option>
        {GROUP_TYPES.map((type) => {
          const count = typeCounts.get(type) ?? 0
          // Types the brokers cannot list stay visible (so the filter explains itself) but say why they are empty.
          const unsupported = type !== 'unknown' && supportedTypes.length > 0 && !supportedTypes.includes(type)
          if (type === 'unknown' && count === 0 && search.type !== 'unknown') return null
          return (
            <option key={type} value={type}>
              {TYPE_NAMES[type]} ({unsupported ? 'not on this cluster' : formatCount(count)})
            </option>
          )
        })}
      </select>
      <select
        data-testid="group-state-filter"
        aria-label="Filter by group state"
        value={search.state}
        onChange={(e) => onChange({ state: e.target.value })}
        className={SELECT}
      >
        <option value="">All states</option>
        {states.map(({ state, count }) => (
          <option key={state} value={state}>
            {state} ({formatCount(count)})
          </option>
        ))}
      </select>
      <select
        data-testid="group-verdict-filter"
        aria-label="Filter by health verdict"
        value={search.verdict}
        onChange={(e) => onChange({ verdict: e.target.value as GroupSearch['verdict'] })}
        className={SELECT}
      >
        <option value="">All verdicts</option>
        {VERDICTS.map((v) => (
          <option key={v} value={v}>
            {verdictLabel(v)} ({formatCount(verdicts.get(v) ?? 0)})
          </option>
        ))}
      </select>
      <p data-testid="groups-count" aria-live="polite" className="ml-auto text-xs text-muted tabular-nums">
        {formatCount(total)} {total === 1 ? 'group' : 'groups'} ({formatCount(shown)} shown)
      </p>
      {actions}
    </div>
  )
}
