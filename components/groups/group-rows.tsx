import Link from 'next/link'
import { memo } from 'react'
import { cn } from '@/components/ui/cn'
import { SortableHeaderRow } from '@/components/ui/sortable-header-row'
import { formatCount, formatDuration, formatLagDuration } from '@/lib/client/format'
import { GroupStateBadge, GroupTypeBadge } from './group-badges'
import { isConsumerGroup } from './group-labels'
import {
  type GroupSort,
  type GroupSortKey,
  type GroupTableRow,
  groupHref,
  nextSort,
  summarizeTopics,
} from './group-table-model'
import { LagSparkline } from './lag-sparkline'
import { VerdictBadge } from './verdict-badge'

/** Fixed row height: the virtualizer never measures, so scrolling 2,000 rows does no layout reads. */
export const ROW_HEIGHT_PX = 36

type Column = { key: GroupSortKey; label: string; numeric: boolean; width: string }

export const GROUP_COLUMNS: readonly Column[] = [
  { key: 'groupId', label: 'Group', numeric: false, width: 'minmax(16rem, 1.2fr)' },
  { key: 'type', label: 'Type', numeric: false, width: '10.5rem' },
  { key: 'state', label: 'State', numeric: false, width: '9.5rem' },
  { key: 'verdict', label: 'Health', numeric: false, width: '8.5rem' },
  { key: 'members', label: 'Members', numeric: true, width: '6rem' },
  { key: 'topics', label: 'Topics', numeric: false, width: 'minmax(12rem, 1fr)' },
  { key: 'totalLag', label: 'Total lag', numeric: true, width: '8.5rem' },
  { key: 'maxLagMs', label: 'Max lag (time)', numeric: true, width: '8.5rem' },
]

/** The last column, not sortable: total lag over the last hour. */
const TREND_WIDTH = '7.5rem'

export const GROUP_GRID = [...GROUP_COLUMNS.map((c) => c.width), TREND_WIDTH].join(' ')

const ROW = 'grid grid-cols-(--group-grid) items-center'
const CELL = 'truncate px-3'

type GroupHeaderRowProps = GroupSort & { onSort: (sort: GroupSort) => void }

export function GroupHeaderRow({ sort, dir, onSort }: GroupHeaderRowProps) {
  return (
    <SortableHeaderRow
      columns={GROUP_COLUMNS}
      sort={sort}
      dir={dir}
      onSort={(key) => onSort(nextSort({ sort, dir }, key))}
      rowClassName={ROW}
      height={ROW_HEIGHT_PX}
      testIdPrefix="group-sort-"
      trailing={
        <th scope="col" className="px-3 text-left text-xs font-medium text-muted">
          Last hour
        </th>
      }
    />
  )
}

type GroupRowViewProps = { clusterId: string; row: GroupTableRow; index: number; offset: number }

/** Memoised: rows whose data and position did not change skip re-rendering on filter changes and refetches. */
export const GroupRowView = memo(function GroupRowView({ clusterId, row, index, offset }: GroupRowViewProps) {
  const g = row.group
  const consumer = isConsumerGroup(g)
  const topics = summarizeTopics(g.topics)
  return (
    <tr
      aria-rowindex={index + 2}
      data-testid={`group-row-${g.groupId}`}
      className={cn(ROW, 'absolute inset-x-0 top-0 border-b border-border text-sm tabular-nums hover:bg-surface-muted')}
      style={{ height: ROW_HEIGHT_PX, transform: `translateY(${offset}px)` }}
    >
      <td className={CELL}>
        <Link
          href={groupHref(clusterId, g.groupId)}
          prefetch={false}
          className="font-medium text-foreground hover:text-accent hover:underline"
          title={g.groupId}
        >
          {g.groupId}
        </Link>
      </td>
      <td className={CELL}>
        <GroupTypeBadge group={g} testId={`group-type-${g.groupId}`} />
      </td>
      <td className={CELL}>
        <GroupStateBadge state={g.state} testId={`group-state-${g.groupId}`} />
      </td>
      <td className={CELL}>
        {g.verdict === null ? (
          <span className="text-muted">—</span>
        ) : (
          <VerdictBadge verdict={g.verdict} reason={g.verdictReason} testId={`group-verdict-${g.groupId}`} />
        )}
      </td>
      <td className={cn(CELL, 'text-right', g.members === 0 && 'text-muted')}>{formatCount(g.members)}</td>
      <td className={cn(CELL, 'text-muted')} title={g.topics.length > 2 ? [...g.topics].sort().join('\n') : undefined}>
        {topics.head.length === 0 ? (
          '—'
        ) : (
          <>
            <span className="text-foreground">{topics.head.join(', ')}</span>
            {topics.more > 0 && <span className="ml-1.5 text-xs">+{formatCount(topics.more)}</span>}
          </>
        )}
      </td>
      <td
        data-testid={`group-lag-${g.groupId}`}
        className={cn(CELL, 'text-right', row.totalLag === null || row.totalLag === 0n ? 'text-muted' : 'font-medium')}
        title={
          row.totalLag !== null
            ? undefined
            : consumer
              ? 'No committed offsets to measure lag from'
              : 'Not a consumer group: it has no consumer lag'
        }
      >
        {row.totalLag === null ? '—' : formatCount(row.totalLag)}
      </td>
      <td
        className={cn(CELL, 'text-right', g.maxLagMs === null && 'text-muted')}
        title={
          g.maxLagMs === null ? undefined : `Oldest unconsumed record: ${formatDuration(Math.round(g.maxLagMs))} old`
        }
      >
        {formatLagDuration(g.maxLagMs)}
      </td>
      <td className="px-3" data-testid={`group-trend-${g.groupId}`}>
        <LagSparkline points={g.sparkline} />
      </td>
    </tr>
  )
})
