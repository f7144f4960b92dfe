import { Badge } from '@/components/ui/badge'
import { Card, CardHeader } from '@/components/ui/card'
import { cn } from '@/components/ui/cn'
import { EmptyState } from '@/components/ui/empty-state'
import { formatBytes, formatCount, pluralize } from '@/lib/client/format'
import type { BrokerLogSize, TopicDetail, TopicPartitionDetail } from '@/lib/topics/topic-detail-types'

const TH = 'px-3 py-2 text-xs font-medium text-muted'
const TD = 'px-3 py-1.5'

type TopicPartitionsTableProps = { detail: TopicDetail }

export function TopicPartitionsTable({ detail }: TopicPartitionsTableProps) {
  return (
    <div className="flex flex-col gap-5">
      <Card>
        <CardHeader
          title="Partitions"
          description={`${pluralize(detail.partitions.length, 'partition')} · replication factor ${detail.replicationFactor}`}
        />
        {detail.partitions.length === 0 ? (
          <EmptyState className="m-4" title="This topic has no partitions" />
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full min-w-[56rem] text-sm tabular-nums">
              <thead className="border-b border-border bg-surface-muted">
                <tr>
                  <th scope="col" className={cn(TH, 'text-right')}>
                    Partition
                  </th>
                  <th scope="col" className={cn(TH, 'text-right')}>
                    Leader
                  </th>
                  <th scope="col" className={cn(TH, 'text-left')}>
                    Replicas
                  </th>
                  <th scope="col" className={cn(TH, 'text-left')}>
                    In sync
                  </th>
                  <th scope="col" className={cn(TH, 'text-right')} title="Log start offset">
                    Low watermark
                  </th>
                  <th scope="col" className={cn(TH, 'text-right')}>
                    High watermark
                  </th>
                  <th scope="col" className={cn(TH, 'text-right')}>
                    Messages
                  </th>
                  <th scope="col" className={cn(TH, 'text-right')} title="Largest replica on disk">
                    Size
                  </th>
                  <th scope="col" className={cn(TH, 'text-left')}>
                    Health
                  </th>
                </tr>
              </thead>
              <tbody>
                {detail.partitions.map((p) => (
                  <PartitionRow key={p.partition} p={p} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <BrokerSizes detail={detail} />
    </div>
  )
}

function PartitionRow({ p }: { p: TopicPartitionDetail }) {
  const outOfSync = new Set(p.replicas.filter((r) => !p.isr.includes(r)))
  return (
    <tr data-testid={`topic-partition-row-${p.partition}`} className="border-b border-border last:border-b-0">
      <td className={cn(TD, 'text-right font-mono')}>{p.partition}</td>
      <td className={cn(TD, 'text-right')} data-testid="partition-leader">
        {p.leader < 0 ? <span className="text-danger">none</span> : p.leader}
      </td>
      <td className={cn(TD, 'font-mono text-xs')}>
        {p.replicas.map((r, i) => (
          <span
            key={r}
            className={cn(outOfSync.has(r) && 'text-warning', p.offlineReplicas.includes(r) && 'text-danger')}
          >
            {i > 0 && ', '}
            {r}
          </span>
        ))}
      </td>
      <td className={cn(TD, 'font-mono text-xs')}>{p.isr.join(', ') || '—'}</td>
      <td className={cn(TD, 'text-right')} data-testid="partition-low">
        {formatCount(p.low)}
      </td>
      <td className={cn(TD, 'text-right')} data-testid="partition-high">
        {formatCount(p.high)}
      </td>
      <td className={cn(TD, 'text-right')} data-testid="partition-messages">
        {formatCount(p.messages)}
      </td>
      <td className={cn(TD, 'text-right')}>{p.sizeBytes === null ? '—' : formatBytes(p.sizeBytes)}</td>
      <td className={TD}>
        <span className="flex gap-1">
          {p.offline && <Badge tone="danger">offline</Badge>}
          {p.underReplicated && (
            <Badge tone="warning" title={`${p.isr.length} of ${p.replicas.length} replicas in sync`}>
              under-replicated
            </Badge>
          )}
          {p.offlineReplicas.length > 0 && (
            <Badge tone="danger" title={`Offline replicas: ${p.offlineReplicas.join(', ')}`}>
              {pluralize(p.offlineReplicas.length, 'offline replica')}
            </Badge>
          )}
          {!p.offline && !p.underReplicated && p.offlineReplicas.length === 0 && <Badge tone="success">ok</Badge>}
        </span>
      </td>
    </tr>
  )
}

/** Bytes each broker holds of the topic: where the disk goes, and whether replicas are spread evenly. */
function BrokerSizes({ detail }: { detail: TopicDetail }) {
  return (
    <Card data-testid="topic-broker-sizes">
      <CardHeader title="Size per broker" description="From DescribeLogDirs: every replica the broker holds" />
      {detail.logSizesUnavailable ? (
        <p role="status" data-testid="topic-log-sizes-unavailable" className="px-4 py-3 text-sm text-muted">
          Log sizes unavailable: {detail.logSizesUnavailable}
        </p>
      ) : detail.brokerSizes.length === 0 ? (
        <p className="px-4 py-3 text-sm text-muted">No broker reports data of this topic.</p>
      ) : (
        <table className="w-full text-sm tabular-nums">
          <thead className="border-b border-border bg-surface-muted">
            <tr>
              <th scope="col" className={cn(TH, 'text-right')}>
                Broker
              </th>
              <th scope="col" className={cn(TH, 'text-right')}>
                Replicas
              </th>
              <th scope="col" className={cn(TH, 'text-right')}>
                Size
              </th>
              <th scope="col" className={cn(TH, 'text-left')}>
                Log dirs
              </th>
            </tr>
          </thead>
          <tbody>
            {detail.brokerSizes.map((b: BrokerLogSize) => (
              <tr
                key={b.broker}
                data-testid={`topic-broker-size-${b.broker}`}
                className="border-b border-border last:border-b-0"
              >
                <td className={cn(TD, 'text-right')}>{b.broker}</td>
                <td className={cn(TD, 'text-right')}>{formatCount(b.partitions)}</td>
                <td className={cn(TD, 'text-right')}>{formatBytes(b.bytes)}</td>
                <td className={cn(TD, 'truncate font-mono text-xs text-muted')}>{b.logDirs.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  )
}
