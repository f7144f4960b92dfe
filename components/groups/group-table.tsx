'use client'

import { useDeferredValue, useMemo } from 'react'
import { Button } from '@/components/ui/button'
import { EmptyState } from '@/components/ui/empty-state'
import { ErrorState } from '@/components/ui/error-state'
import { TableSkeleton } from '@/components/ui/skeleton'
import { VirtualGridTable } from '@/components/ui/virtual-grid-table'
import { GROUPS_POLL_MS, useGroups } from '@/lib/client/groups'
import type { GroupType } from '@/lib/groups/types'
import { TYPE_NAMES } from './group-labels'
import { GroupNotes } from './group-notes'
import { GROUP_COLUMNS, GROUP_GRID, GroupHeaderRow, GroupRowView, ROW_HEIGHT_PX } from './group-rows'
import {
  filterGroupRows,
  type GroupFilter,
  type GroupSearch,
  sortGroupRows,
  stateOptions,
  toGroupTableRows,
  typeCounts,
  verdictCounts,
} from './group-table-model'
import { GroupToolbar } from './group-toolbar'
import { RefreshNote } from './refresh-note'
import { useGroupSearch } from './use-group-search'
import { verdictLabel } from './verdict-badge'

type GroupTableProps = { clusterId: string; initialSearch: GroupSearch }

export function GroupTable({ clusterId, initialSearch }: GroupTableProps) {
  const { data, error, isPending, isFetching, refetch } = useGroups(clusterId)
  const [search, updateSearch] = useGroupSearch(initialSearch)
  // Typing stays instant: the input renders with the new text first, the table follows at lower priority.
  const query = useDeferredValue(search.q)
  const filter: GroupFilter = { q: query, type: search.type, state: search.state, verdict: search.verdict }

  // Keys are computed once per fetch; sorting runs only when the data or the sort changes, never per keystroke.
  const allRows = useMemo(() => toGroupTableRows(data?.groups ?? []), [data])
  const sorted = useMemo(() => sortGroupRows(allRows, search.sort, search.dir), [allRows, search.sort, search.dir])
  const rows = useMemo(
    () => filterGroupRows(sorted, { q: query, type: search.type, state: search.state, verdict: search.verdict }),
    [sorted, query, search.type, search.state, search.verdict],
  )
  const verdicts = useMemo(() => verdictCounts(allRows), [allRows])
  const types = useMemo(() => typeCounts(allRows), [allRows])
  const states = useMemo(() => stateOptions(allRows, search.state), [allRows, search.state])

  if (isPending) return <TableSkeleton rows={12} columns={GROUP_COLUMNS.length} label="Loading consumer groups" />
  if (!data)
    return (
      <ErrorState title="Cannot list consumer groups" error={error} onRetry={() => refetch()} retrying={isFetching} />
    )

  return (
    <div className="flex flex-col gap-3">
      {error && (
        <ErrorState
          title="Refreshing the group list failed"
          error={error}
          onRetry={() => refetch()}
          retrying={isFetching}
        />
      )}
      <GroupNotes notes={data.notes} />
      <GroupToolbar
        search={search}
        onChange={updateSearch}
        total={allRows.length}
        shown={rows.length}
        typeCounts={types}
        states={states}
        verdicts={verdicts}
        supportedTypes={data.supportedTypes}
        actions={
          <RefreshNote fetchedAt={data.fetchedAt} fetching={isFetching} failed={!!error} everyMs={GROUPS_POLL_MS} />
        }
      />
      {allRows.length === 0 ? (
        <EmptyState
          title="No consumer groups yet"
          description="No group has joined or committed offsets on this cluster. A group appears here once a consumer with a group.id connects."
        />
      ) : rows.length === 0 ? (
        <EmptyState
          title="No groups match your filter"
          description={describeFilter(filter, data.supportedTypes)}
          action={
            <Button size="sm" onClick={() => updateSearch({ q: '', type: '', state: '', verdict: '' })}>
              Clear the filters
            </Button>
          }
        />
      ) : (
        // Only the rows in view are in the DOM: 2,000 groups cost what ~30 do.
        <VirtualGridTable
          label="Consumer groups"
          rows={rows}
          rowKey={(r) => r.group.groupId}
          rowHeight={ROW_HEIGHT_PX}
          gridVar={['--group-grid', GROUP_GRID]}
          className="min-w-[74rem]"
          header={<GroupHeaderRow sort={search.sort} dir={search.dir} onSort={updateSearch} />}
          renderRow={(row, index, offset) => (
            <GroupRowView key={row.group.groupId} clusterId={clusterId} row={row} index={index} offset={offset} />
          )}
          viewKey={`${query}|${search.type}|${search.state}|${search.verdict}|${search.sort}|${search.dir}`}
        />
      )}
    </div>
  )
}

function describeFilter({ q, type, state, verdict }: GroupFilter, supported: readonly GroupType[]): string {
  const parts: string[] = []
  if (q.trim()) parts.push(`an id containing "${q.trim()}"`)
  if (type) parts.push(`type ${TYPE_NAMES[type]}`)
  if (state) parts.push(`state ${state}`)
  if (verdict) parts.push(`verdict ${verdictLabel(verdict)}`)
  const unsupported =
    type && type !== 'unknown' && supported.length > 0 && !supported.includes(type)
      ? ` This cluster's brokers cannot list ${TYPE_NAMES[type].toLowerCase()} groups.`
      : ''
  return `No group has ${parts.join(', ')}.${unsupported}`
}
