'use client'

import { useVirtualizer } from '@tanstack/react-virtual'
import { useDeferredValue, useEffect, useMemo, useRef } from 'react'
import { Button } from '@/components/ui/button'
import { cn } from '@/components/ui/cn'
import { EmptyState } from '@/components/ui/empty-state'
import { ErrorState } from '@/components/ui/error-state'
import { RefreshIcon } from '@/components/ui/icons'
import { TableSkeleton } from '@/components/ui/skeleton'
import { formatCount, pluralize } from '@/lib/client/format'
import { useTopics } from '@/lib/client/topics'
import { ROW_HEIGHT_PX, TOPIC_COLUMNS, TOPIC_GRID, TopicHeaderRow, TopicRowView } from './topic-rows'
import {
  filterTopicRows,
  sortTopicRows,
  type TopicRow,
  type TopicSearch,
  type TopicSort,
  toTopicRows,
} from './topic-table-model'
import { TopicToolbar } from './topic-toolbar'
import { useTopicSearch } from './use-topic-search'

type TopicTableProps = { clusterId: string; initialSearch: TopicSearch }

export function TopicTable({ clusterId, initialSearch }: TopicTableProps) {
  const { data, error, isPending, isFetching, refetch } = useTopics(clusterId)
  const [search, updateSearch] = useTopicSearch(initialSearch)
  // Typing stays instant: the input renders with the new text first, the table follows at lower priority.
  const query = useDeferredValue(search.q)

  // Keys are computed once per fetch; sorting runs only when the data or the sort changes, never per keystroke.
  const allRows = useMemo(() => toTopicRows(data?.topics ?? []), [data])
  const sorted = useMemo(() => sortTopicRows(allRows, search.sort, search.dir), [allRows, search.sort, search.dir])
  const rows = useMemo(() => filterTopicRows(sorted, query, search.internal), [sorted, query, search.internal])
  const hiddenInternal = useMemo(
    () => (search.internal ? 0 : allRows.filter((r) => r.topic.internal).length),
    [allRows, search.internal],
  )

  if (isPending) return <TableSkeleton rows={12} columns={TOPIC_COLUMNS.length} label="Loading topics" />
  if (!data)
    return <ErrorState title="Cannot list topics" error={error} onRetry={() => refetch()} retrying={isFetching} />

  return (
    <div className="flex flex-col gap-3">
      {error && (
        <ErrorState
          title="Refreshing the topic list failed"
          error={error}
          onRetry={() => refetch()}
          retrying={isFetching}
        />
      )}
      <TopicToolbar
        search={search}
        onChange={updateSearch}
        total={allRows.length}
        shown={rows.length}
        actions={
          <Button
            size="sm"
            variant="ghost"
            onClick={() => refetch()}
            disabled={isFetching}
            title="Reload the topic list"
          >
            <RefreshIcon className={cn('size-3.5', isFetching && 'animate-spin')} />
            Refresh
          </Button>
        }
      />
      {allRows.length === 0 ? (
        <EmptyState
          title="No topics yet"
          description="This cluster has no topics. Create one with kafka-topics.sh --create, or let a producer auto-create it."
        />
      ) : rows.length === 0 ? (
        <EmptyState
          title="No topics match your filter"
          description={
            query.trim()
              ? `No topic name contains "${query.trim()}".${hiddenInternal > 0 ? ` ${pluralize(hiddenInternal, 'internal topic')} hidden.` : ''}`
              : `This cluster has only internal topics (${formatCount(hiddenInternal)}), and they are hidden.`
          }
          action={
            query.trim() ? (
              <Button size="sm" onClick={() => updateSearch({ q: '' })}>
                Clear the search
              </Button>
            ) : (
              <Button size="sm" onClick={() => updateSearch({ internal: true })}>
                Show internal topics
              </Button>
            )
          }
        />
      ) : (
        <VirtualTopicGrid
          clusterId={clusterId}
          rows={rows}
          sort={search.sort}
          dir={search.dir}
          onSort={updateSearch}
          viewKey={`${query}|${search.internal}|${search.sort}|${search.dir}`}
        />
      )}
    </div>
  )
}

type VirtualTopicGridProps = TopicSort & {
  clusterId: string
  rows: TopicRow[]
  onSort: (sort: TopicSort) => void
  /** Changes when the filter or order does (not on a background refetch): the view then scrolls to the top. */
  viewKey: string
}

/** Only the rows in view (plus overscan) are in the DOM: 5,000 topics cost what ~30 do. */
function VirtualTopicGrid({ clusterId, rows, sort, dir, onSort, viewKey }: VirtualTopicGridProps) {
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT_PX,
    getItemKey: (index) => rows[index]?.topic.name ?? index,
    // Rows start below the sticky header inside the same scroll container.
    scrollMargin: ROW_HEIGHT_PX,
    overscan: 12,
  })

  // A new filter or order starts at the top; staying at row 3,000 of a 40-row result would show nothing.
  // biome-ignore lint/correctness/useExhaustiveDependencies: viewKey is the trigger, not an input
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 })
  }, [viewKey])

  return (
    <div
      ref={scrollRef}
      className="max-h-[max(12rem,calc(100vh-13.5rem))] overflow-auto rounded-lg border border-border bg-surface"
    >
      <table
        aria-label="Topics"
        aria-rowcount={rows.length + 1}
        className="grid min-w-[60rem] border-collapse"
        style={{ ['--topic-grid' as string]: TOPIC_GRID }}
      >
        <TopicHeaderRow sort={sort} dir={dir} onSort={onSort} />
        <tbody className="relative grid" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]
            if (!row) return null
            return (
              <TopicRowView
                key={item.key}
                clusterId={clusterId}
                topic={row.topic}
                index={item.index}
                offset={item.start - ROW_HEIGHT_PX}
              />
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
