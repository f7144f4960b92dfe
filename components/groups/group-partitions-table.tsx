import { Badge } from '@/components/ui/badge'
import { Card, CardHeader } from '@/components/ui/card'
import { cn } from '@/components/ui/cn'
import { EmptyState } from '@/components/ui/empty-state'
import { formatCount, formatLagDuration, pluralize } from '@/lib/client/format'
import type { PartitionVerdict } from '@/lib/lag/history-types'
import type { GroupDetail, PartitionLagWithTime } from '@/lib/lag/types'
import {
  committedBelowStart,
  consumerLabel,
  groupPartitionsByTopic,
  hasLag,
  lagTimeView,
  type TopicPartitions,
} from './group-detail-model'
import { VerdictBadge } from './verdict-badge'

const TH = 'px-3 py-2 text-xs font-medium text-muted'
const TD = 'px-3 py-1.5'

type GroupPartitionsTableProps = {
  partitions: readonly PartitionLagWithTime[]
  consumer: boolean
  /** 'share-start': the offsets are share-partition start offsets (share groups), not committed offsets. */
  offsetKind?: GroupDetail['offsetKind']
  /** Per-partition verdicts, when the group was judged. */
  verdicts?: readonly PartitionVerdict[]
  /** The reading's time, to say how long ago the committed offset last moved. */
  now: number
}

export function GroupPartitionsTable({ partitions, consumer, offsetKind, verdicts, now }: GroupPartitionsTableProps) {
  const topics = groupPartitionsByTopic(partitions)
  const verdictOf = new Map((verdicts ?? []).map((v) => [`${v.topic}\u0000${v.partition}`, v] as const))
  return (
    <Card>
      <CardHeader
        title="Partitions"
        description={
          topics.length > 0
            ? `${pluralize(partitions.length, 'partition')} on ${pluralize(topics.length, 'topic')}`
            : undefined
        }
      />
      {topics.length === 0 ? (
        <EmptyState
          className="m-4"
          title="This group has not committed any offsets yet"
          description={
            consumer
              ? 'Lag is measured from committed offsets. It shows here after the group’s first commit.'
              : 'This group does not use the consumer protocol, so it commits no consumer offsets and has no lag.'
          }
        />
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[64rem] text-sm tabular-nums">
            <thead className="border-b border-border bg-surface-muted">
              <tr>
                <th scope="col" className={cn(TH, 'text-left')}>
                  Topic / partition
                </th>
                <th
                  scope="col"
                  className={cn(TH, 'text-right')}
                  title={
                    offsetKind === 'share-start'
                      ? 'Share-partition start offset: every record before it is delivered and acknowledged'
                      : undefined
                  }
                >
                  {offsetKind === 'share-start' ? 'Start offset' : 'Committed'}
                </th>
                <th scope="col" className={cn(TH, 'text-right')}>
                  Log end
                </th>
                <th scope="col" className={cn(TH, 'text-right')}>
                  Lag
                </th>
                <th scope="col" className={cn(TH, 'text-right')}>
                  Lag in time
                </th>
                <th scope="col" className={cn(TH, 'text-left')}>
                  Health
                </th>
                <th
                  scope="col"
                  className={cn(TH, 'text-right')}
                  title="How long the offset has had its current value, as far as the sampled window shows"
                >
                  Offset unchanged
                </th>
                <th scope="col" className={cn(TH, 'text-left')}>
                  Consumer
                </th>
              </tr>
            </thead>
            {topics.map((t) => (
              <TopicSection key={t.topic} topic={t} verdictOf={verdictOf} now={now} />
            ))}
          </table>
        </div>
      )}
      {topics.length > 0 && (
        <p className="border-t border-border px-4 py-2 text-xs text-muted">
          Lag in time: <MarkerChip marker="exact" /> read from the record at the committed offset ·{' '}
          <MarkerChip marker="≈" /> interpolated from recent offsets · — none (caught up or unknown)
        </p>
      )}
    </Card>
  )
}

type VerdictLookup = ReadonlyMap<string, PartitionVerdict>

function TopicSection({ topic: t, verdictOf, now }: { topic: TopicPartitions; verdictOf: VerdictLookup; now: number }) {
  return (
    <tbody className="border-b border-border last:border-b-0">
      <tr className="bg-surface-muted/50">
        <th scope="rowgroup" colSpan={3} className="px-3 pt-2.5 pb-1.5 text-left">
          <span className="font-semibold">{t.topic}</span>
          <span className="ml-2 text-xs font-normal text-muted">
            {pluralize(t.partitions.length, 'partition')}
            {t.lagging > 0 && ` · ${formatCount(t.lagging)} lagging`}
          </span>
        </th>
        <td className={cn(TD, 'text-right text-xs', t.totalLag > 0n ? 'font-medium text-warning' : 'text-muted')}>
          {formatCount(t.totalLag)}
        </td>
        <td className={cn(TD, 'text-right text-xs text-muted')}>{formatLagDuration(t.maxLagMs)}</td>
        <td colSpan={3} />
      </tr>
      {t.partitions.map((p) => (
        <PartitionRow key={p.partition} p={p} verdict={verdictOf.get(`${p.topic}\u0000${p.partition}`)} now={now} />
      ))}
    </tbody>
  )
}

function PartitionRow({ p, verdict, now }: { p: PartitionLagWithTime; verdict?: PartitionVerdict; now: number }) {
  const lagging = hasLag(p)
  const time = lagTimeView(p)
  const consumer = consumerLabel(p)
  return (
    <tr data-testid={`partition-row-${p.topic}-${p.partition}`} className="hover:bg-surface-muted">
      <td className={cn(TD, 'pl-6 text-muted')}>
        <span className="sr-only">{p.topic} </span>partition <span className="text-foreground">{p.partition}</span>
      </td>
      <td className={cn(TD, 'text-right')}>
        {p.committedOffset === null ? <span className="text-muted">—</span> : formatCount(p.committedOffset)}
        {committedBelowStart(p) && (
          <Badge
            tone="danger"
            className="ml-1.5"
            title={`The log now starts at ${formatCount(p.startOffset)}: retention deleted records this group never read`}
          >
            records deleted
          </Badge>
        )}
      </td>
      <td className={cn(TD, 'text-right')}>{formatCount(p.endOffset)}</td>
      <td
        data-testid={`partition-lag-${p.topic}-${p.partition}`}
        data-lag={p.lag ?? ''}
        className={cn(TD, 'text-right', lagging ? 'font-semibold text-warning' : 'text-muted')}
      >
        {p.lag === null ? '—' : formatCount(p.lag)}
      </td>
      <td className={cn(TD, 'text-right', time.marker === null && 'text-muted')} title={time.title}>
        <span className="inline-flex items-center justify-end gap-1.5" data-source={p.lagMsSource}>
          {time.marker && <MarkerChip marker={time.marker} />}
          {time.text}
        </span>
      </td>
      <td className={TD}>
        {verdict ? (
          <VerdictBadge
            verdict={verdict.verdict}
            reason={verdict.reason}
            testId={`partition-verdict-${p.topic}-${p.partition}`}
          />
        ) : (
          <span className="text-muted">—</span>
        )}
      </td>
      <td className={cn(TD, 'text-right text-muted')}>
        {verdict?.committedSince != null ? formatLagDuration(Math.max(0, now - verdict.committedSince)) : '—'}
      </td>
      <td className={cn(TD, 'max-w-[14rem] truncate')} title={p.memberId ?? undefined}>
        {consumer ?? <span className="text-muted">unassigned</span>}
      </td>
    </tr>
  )
}

function MarkerChip({ marker }: { marker: 'exact' | '≈' }) {
  return (
    <span
      className={cn(
        'inline-flex h-4 items-center rounded px-1 text-[10px] font-medium leading-none',
        marker === 'exact' ? 'bg-success-soft text-success' : 'bg-surface-muted text-muted',
      )}
    >
      {marker}
    </span>
  )
}
