'use client'

import Link from 'next/link'
import { GroupStateBadge, GroupTypeBadge } from '@/components/groups/group-badges'
import { groupHref } from '@/components/groups/group-table-model'
import { Card, CardHeader } from '@/components/ui/card'
import { cn } from '@/components/ui/cn'
import { EmptyState } from '@/components/ui/empty-state'
import { ErrorState } from '@/components/ui/error-state'
import { TableSkeleton } from '@/components/ui/skeleton'
import { formatCount, formatDuration, formatLagDuration, parseBigInt, pluralize } from '@/lib/client/format'
import { useTopicConsumers } from '@/lib/client/topic-detail'
import type { TopicConsumer } from '@/lib/topics/topic-detail-types'

const TH = 'px-3 py-2 text-xs font-medium text-muted'
const TD = 'px-3 py-1.5'

type TopicConsumersTableProps = { clusterId: string; topic: string }

export function TopicConsumersTable({ clusterId, topic }: TopicConsumersTableProps) {
  const { data, error, isPending, isFetching, refetch } = useTopicConsumers(clusterId, topic)
  if (isPending) return <TableSkeleton rows={4} columns={6} label="Loading consumers…" />
  if (!data) {
    return (
      <ErrorState title="Cannot load the consumers" error={error} onRetry={() => refetch()} retrying={isFetching} />
    )
  }
  return (
    <Card>
      <CardHeader
        title="Consumers"
        description={`${pluralize(data.consumers.length, 'group')} with offsets on this topic`}
      />
      {error && (
        <ErrorState
          title="Refreshing the consumers failed"
          error={error}
          onRetry={() => refetch()}
          retrying={isFetching}
          className="m-4"
        />
      )}
      {data.notes.map((n) => (
        <p key={n} className="border-b border-border px-4 py-2 text-xs text-muted">
          {n}
        </p>
      ))}
      {data.consumers.length === 0 ? (
        <EmptyState
          className="m-4"
          title="No group has offsets on this topic"
          description="Groups show here once they commit an offset on one of its partitions."
        />
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[48rem] text-sm tabular-nums">
            <thead className="border-b border-border bg-surface-muted">
              <tr>
                <th scope="col" className={cn(TH, 'text-left')}>
                  Group
                </th>
                <th scope="col" className={cn(TH, 'text-left')}>
                  Type / state
                </th>
                <th scope="col" className={cn(TH, 'text-right')}>
                  Members
                </th>
                <th scope="col" className={cn(TH, 'text-right')}>
                  Partitions
                </th>
                <th scope="col" className={cn(TH, 'text-right')}>
                  Lag
                </th>
                <th scope="col" className={cn(TH, 'text-right')} title="Age of the oldest unconsumed record">
                  Lag in time
                </th>
              </tr>
            </thead>
            <tbody>
              {data.consumers.map((c) => (
                <ConsumerRow key={c.groupId} clusterId={clusterId} c={c} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  )
}

function ConsumerRow({ clusterId, c }: { clusterId: string; c: TopicConsumer }) {
  const lag = parseBigInt(c.lag)
  return (
    <tr data-testid={`topic-consumer-row-${c.groupId}`} className="border-b border-border last:border-b-0">
      <td className={cn(TD, 'font-mono text-xs')}>
        <Link href={groupHref(clusterId, c.groupId)} className="text-accent hover:underline">
          {c.groupId}
        </Link>
      </td>
      <td className={TD}>
        <span className="flex gap-1">
          <GroupTypeBadge group={c} />
          <GroupStateBadge state={c.state} />
        </span>
      </td>
      <td className={cn(TD, 'text-right')}>{formatCount(c.members)}</td>
      <td className={cn(TD, 'text-right')}>{formatCount(c.partitions)}</td>
      <td className={cn(TD, 'text-right', lag !== null && lag > 0n && 'text-warning')} data-testid="topic-consumer-lag">
        {formatCount(c.lag)}
      </td>
      <td
        className={cn(TD, 'text-right')}
        data-testid="topic-consumer-lag-time"
        title={c.maxLagMs === null ? undefined : formatDuration(Math.round(c.maxLagMs))}
      >
        {c.maxLagMs === null ? '—' : formatLagDuration(c.maxLagMs)}
      </td>
    </tr>
  )
}
