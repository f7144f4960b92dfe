import type { ReactNode } from 'react'
import { SearchIcon } from '@/components/ui/icons'
import { formatCount } from '@/lib/client/format'
import type { TopicSearch } from './topic-table-model'

type TopicToolbarProps = {
  search: TopicSearch
  onChange: (patch: Partial<TopicSearch>) => void
  total: number
  shown: number
  actions?: ReactNode
}

export function TopicToolbar({ search, onChange, total, shown, actions }: TopicToolbarProps) {
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
      <div className="relative w-72">
        <SearchIcon className="pointer-events-none absolute top-2 left-2.5 size-4 text-muted" />
        <input
          type="search"
          data-testid="topic-search"
          aria-label="Search topics by name"
          placeholder="Search topics…"
          value={search.q}
          onChange={(e) => onChange({ q: e.target.value })}
          spellCheck={false}
          autoComplete="off"
          className="h-8 w-full rounded-md border border-border-strong bg-surface pr-2.5 pl-8 text-sm placeholder:text-muted"
        />
      </div>
      <label className="flex cursor-pointer items-center gap-2 text-sm select-none">
        <input
          type="checkbox"
          data-testid="internal-toggle"
          checked={search.internal}
          onChange={(e) => onChange({ internal: e.target.checked })}
          className="size-4 cursor-pointer accent-(--accent)"
        />
        Show internal topics
      </label>
      <p data-testid="topics-count" aria-live="polite" className="ml-auto text-xs text-muted tabular-nums">
        {formatCount(total)} {total === 1 ? 'topic' : 'topics'} ({formatCount(shown)} shown)
      </p>
      {actions}
    </div>
  )
}
