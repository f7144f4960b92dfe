// Pure shaping of one group's description and lag for the detail page; unit-tested without a DOM.
import { formatLagDuration, parseBigInt } from '@/lib/client/format'
import type { GroupMember, GroupTopicPartitions } from '@/lib/groups/types'
import type { PartitionLagWithTime } from '@/lib/lag/types'

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' })

/** Topics A→Z, partitions ascending, empty topics dropped: two members' assignments compare as strings. */
export function normalizeAssignment(assignment: readonly GroupTopicPartitions[]): GroupTopicPartitions[] {
  const byTopic = new Map<string, Set<number>>()
  for (const { topic, partitions } of assignment) {
    const set = byTopic.get(topic) ?? new Set<number>()
    for (const p of partitions) set.add(p)
    byTopic.set(topic, set)
  }
  return [...byTopic]
    .filter(([, set]) => set.size > 0)
    .sort(([a], [b]) => collator.compare(a, b))
    .map(([topic, set]) => ({ topic, partitions: [...set].sort((a, b) => a - b) }))
}

/** "orders: 0,1,2" per topic; "" when nothing is assigned. */
export function formatAssignment(assignment: readonly GroupTopicPartitions[]): string[] {
  return normalizeAssignment(assignment).map(({ topic, partitions }) => `${topic}: ${partitions.join(',')}`)
}

export function countPartitions(assignment: readonly GroupTopicPartitions[]): number {
  return normalizeAssignment(assignment).reduce((n, t) => n + t.partitions.length, 0)
}

/**
 * The assignment a KIP-848 member is moving to, when it differs from what it holds now; null when there is no
 * target (classic groups) or the member has reconciled.
 */
export function pendingTarget(member: Pick<GroupMember, 'assignment' | 'targetAssignment'>): string[] | null {
  if (member.targetAssignment === null) return null
  const current = formatAssignment(member.assignment)
  const target = formatAssignment(member.targetAssignment)
  return current.join('\n') === target.join('\n') ? null : target
}

export type TopicPartitions = {
  topic: string
  partitions: PartitionLagWithTime[]
  totalLag: bigint
  lagging: number
  maxLagMs: number | null
}

/** Partitions grouped by topic (A→Z), each topic's partitions ascending, with the topic's lag summed. */
export function groupPartitionsByTopic(partitions: readonly PartitionLagWithTime[]): TopicPartitions[] {
  const byTopic = new Map<string, PartitionLagWithTime[]>()
  for (const p of partitions) {
    const list = byTopic.get(p.topic)
    if (list) list.push(p)
    else byTopic.set(p.topic, [p])
  }
  return [...byTopic]
    .sort(([a], [b]) => collator.compare(a, b))
    .map(([topic, list]) => {
      const sorted = [...list].sort((a, b) => a.partition - b.partition)
      let totalLag = 0n
      let lagging = 0
      let maxLagMs: number | null = null
      for (const p of sorted) {
        const lag = parseBigInt(p.lag) ?? 0n
        totalLag += lag
        if (lag > 0n) lagging++
        if (p.lagMs !== null && (maxLagMs === null || p.lagMs > maxLagMs)) maxLagMs = p.lagMs
      }
      return { topic, partitions: sorted, totalLag, lagging, maxLagMs }
    })
}

export function hasLag(p: Pick<PartitionLagWithTime, 'lag'>): boolean {
  const lag = parseBigInt(p.lag)
  return lag !== null && lag > 0n
}

/** The committed offset is below the log start: retention deleted records the group never read. */
export function committedBelowStart(p: Pick<PartitionLagWithTime, 'committedOffset' | 'startOffset'>): boolean {
  const committed = parseBigInt(p.committedOffset)
  const start = parseBigInt(p.startOffset)
  return committed !== null && start !== null && committed < start
}

export type LagTimeView = {
  text: string
  /** Shown beside the value: "exact" or "≈"; none for "—". */
  marker: 'exact' | '≈' | null
  title: string
}

/** How a partition's lag in time reads: the value, and whether it was read from a record or estimated. */
export function lagTimeView(
  p: Pick<PartitionLagWithTime, 'lag' | 'lagMs' | 'lagMsSource' | 'committedOffset'>,
): LagTimeView {
  if (p.lagMs !== null && p.lagMsSource === 'record') {
    return {
      text: formatLagDuration(p.lagMs),
      marker: 'exact',
      title: 'Exact: age of the record at the committed offset (the oldest unconsumed record)',
    }
  }
  if (p.lagMs !== null && p.lagMsSource === 'interpolated') {
    return {
      text: formatLagDuration(p.lagMs),
      marker: '≈',
      title: 'Estimated: interpolated from the partition’s recent offsets and times, not read from a record',
    }
  }
  if (p.committedOffset === null) return { text: '—', marker: null, title: 'The group has not committed here' }
  if (!hasLag(p)) return { text: '—', marker: null, title: 'Caught up: no unconsumed records' }
  return { text: '—', marker: null, title: 'Lag in time unknown: the record at the committed offset could not be read' }
}

/** Who consumes the partition now: the client id, or the member id when the client has none. */
export function consumerLabel(p: Pick<PartitionLagWithTime, 'memberId' | 'clientId'>): string | null {
  if (p.clientId) return p.clientId
  return p.memberId
}
