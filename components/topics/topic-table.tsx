'use client'

import { useDeferredValue, useMemo } from 'react'
import { Button } from '@/components/ui/button'
import { cn } from '@/components/ui/cn'
import { EmptyState } from '@/components/ui/empty-state'
import { ErrorState } from '@/components/ui/error-state'
import { RefreshIcon } from '@/components/ui/icons'
import { TableSkeleton } from '@/components/ui/skeleton'
import { VirtualGridTable } from '@/components/ui/virtual-grid-table'
import { formatCount, pluralize } from '@/lib/client/format'
import { useTopics } from '@/lib/client/topics'
import { ROW_HEIGHT_PX, TOPIC_COLUMNS, TOPIC_GRID, TopicHeaderRow, TopicRowView } from './topic-rows'
import { filterTopicRows, sortTopicRows, type TopicSearch, toTopicRows } from './topic-table-model'
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
          description="This cluster has no topics. Create one with the Create topic button, kafka-topics.sh --create, or a producer that auto-creates it."
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
        // Only the rows in view are in the DOM: 5,000 topics cost what ~30 do.
        <VirtualGridTable
          label="Topics"
          rows={rows}
          rowKey={(r) => r.topic.name}
          rowHeight={ROW_HEIGHT_PX}
          gridVar={['--topic-grid', TOPIC_GRID]}
          className="min-w-[60rem]"
          header={<TopicHeaderRow sort={search.sort} dir={search.dir} onSort={updateSearch} />}
          renderRow={(row, index, offset) => (
            <TopicRowView key={row.topic.name} clusterId={clusterId} topic={row.topic} index={index} offset={offset} />
          )}
          viewKey={`${query}|${search.internal}|${search.sort}|${search.dir}`}
        />
      )}
    </div>
  )
}
