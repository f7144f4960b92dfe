import type { ReactNode } from 'react'
import { cn } from './cn'

export type SortableColumn<K extends string> = { key: K; label: string; numeric: boolean }

type SortableHeaderRowProps<K extends string> = {
  columns: readonly SortableColumn<K>[]
  sort: K
  dir: 'asc' | 'desc'
  /** Called with the clicked column; the table decides the next order (see nextSort in the table models). */
  onSort: (key: K) => void
  /** The row's grid classes, e.g. `grid grid-cols-(--topic-grid) items-center`, as the body rows use. */
  rowClassName: string
  height: number
  /** `${testIdPrefix}${key}` on each sort button. */
  testIdPrefix?: string
  /** Header cells after the sortable ones (e.g. a trend column). */
  trailing?: ReactNode
}

/** The sticky header of a virtualized grid table: one sort button per column, the active one with its direction. */
export function SortableHeaderRow<K extends string>({
  columns,
  sort,
  dir,
  onSort,
  rowClassName,
  height,
  testIdPrefix,
  trailing,
}: SortableHeaderRowProps<K>) {
  return (
    <thead className="sticky top-0 z-10 grid border-b border-border bg-surface-muted">
      <tr aria-rowindex={1} className={rowClassName} style={{ height }}>
        {columns.map((col) => {
          const active = sort === col.key
          return (
            <th
              key={col.key}
              scope="col"
              aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'}
              className={cn('px-1.5 font-normal', col.numeric ? 'text-right' : 'text-left')}
            >
              <button
                type="button"
                data-testid={testIdPrefix ? `${testIdPrefix}${col.key}` : undefined}
                onClick={() => onSort(col.key)}
                className={cn(
                  'inline-flex h-7 cursor-pointer items-center gap-1 rounded px-1.5 text-xs font-medium hover:bg-surface hover:text-foreground',
                  active ? 'text-foreground' : 'text-muted',
                )}
              >
                {col.label}
                <span aria-hidden="true" className={cn('w-2 text-[10px]', !active && 'invisible')}>
                  {dir === 'asc' ? '▲' : '▼'}
                </span>
              </button>
            </th>
          )
        })}
        {trailing}
      </tr>
    </thead>
  )
}
