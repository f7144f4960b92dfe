import Link from 'next/link'
import { memo } from 'react'
import { Badge } from '@/components/ui/badge'
import { cn } from '@/components/ui/cn'
import { SortableHeaderRow } from '@/components/ui/sortable-header-row'
import { formatCount } from '@/lib/client/format'
import { topicHref } from '@/lib/nav'
import type { TopicSummary } from '@/lib/topics/types'
import { formatRetention, nextSort, type TopicSort, type TopicSortKey } from './topic-table-model'

/** Fixed row height: the virtualizer never measures, so scrolling 5,000 rows does no layout reads. */
export const ROW_HEIGHT_PX = 36

type Column = { key: TopicSortKey; label: string; numeric: boolean; width: string }

export const TOPIC_COLUMNS: readonly Column[] = [
  { key: 'name', label: 'Name', numeric: false, width: 'minmax(16rem, 1fr)' },
  { key: 'partitions', label: 'Partitions', numeric: true, width: '6.5rem' },
  { key: 'replicationFactor', label: 'Repl. factor', numeric: true, width: '6.5rem' },
  { key: 'underReplicated', label: 'Under-replicated', numeric: true, width: '9.5rem' },
  { key: 'messages', label: 'Messages', numeric: true, width: '9.5rem' },
  { key: 'retention', label: 'Retention', numeric: false, width: '10rem' },
  { key: 'cleanupPolicy', label: 'Cleanup', numeric: false, width: '8.5rem' },
]

export const TOPIC_GRID = TOPIC_COLUMNS.map((c) => c.width).join(' ')

const ROW = 'grid grid-cols-(--topic-grid) items-center'
const CELL = 'truncate px-3'

type TopicHeaderRowProps = TopicSort & { onSort: (sort: TopicSort) => void }

export function TopicHeaderRow({ sort, dir, onSort }: TopicHeaderRowProps) {
  return (
    <SortableHeaderRow
      columns={TOPIC_COLUMNS}
      sort={sort}
      dir={dir}
      onSort={(key) => onSort(nextSort({ sort, dir }, key))}
      rowClassName={ROW}
      height={ROW_HEIGHT_PX}
    />
  )
}

type TopicRowViewProps = { clusterId: string; topic: TopicSummary; index: number; offset: number }

/** Memoised: while filtering, rows that stay in the window with the same position are not re-rendered. */
export const TopicRowView = memo(function TopicRowView({ clusterId, topic: t, index, offset }: TopicRowViewProps) {
  return (
    <tr
      aria-rowindex={index + 2}
      data-testid={`topic-row-${t.name}`}
      className={cn(ROW, 'absolute inset-x-0 top-0 border-b border-border text-sm tabular-nums hover:bg-surface-muted')}
      style={{ height: ROW_HEIGHT_PX, transform: `translateY(${offset}px)` }}
    >
      <td className={cn(CELL, 'flex min-w-0 items-center gap-2')}>
        <Link
          href={topicHref(clusterId, t.name)}
          prefetch={false}
          className="truncate font-medium text-foreground hover:text-accent hover:underline"
          title={t.name}
        >
          {t.name}
        </Link>
        {t.internal && <Badge>internal</Badge>}
      </td>
      <td className={cn(CELL, 'text-right')}>{formatCount(t.partitions)}</td>
      <td className={cn(CELL, 'text-right')}>{t.replicationFactor}</td>
      <td className={cn(CELL, 'flex justify-end gap-1')}>
        {t.offlinePartitions > 0 && <Badge tone="danger">{formatCount(t.offlinePartitions)} offline</Badge>}
        {t.underReplicatedPartitions > 0 ? (
          <Badge tone="warning">{formatCount(t.underReplicatedPartitions)}</Badge>
        ) : (
          t.offlinePartitions === 0 && <span className="text-muted">0</span>
        )}
      </td>
      <td className={cn(CELL, 'text-right')} data-testid="topic-messages">
        {formatCount(t.messageCount)}
      </td>
      <td className={CELL}>{formatRetention(t)}</td>
      <td className={cn(CELL, 'text-muted')}>{t.cleanupPolicy ?? '—'}</td>
    </tr>
  )
})
