import type { GroupLagSummary, PartitionLag } from './types'

/** A committed offset as fetch-committed-offsets returns it ('-1', Kafka's "no commit", is tolerated). */
export type Committed = { topic: string; partition: number; offset: string }
/** Watermarks per topic, as lib/kafka/fetch-watermarks.ts returns them. */
export type Watermarks = Map<string, { partition: number; low: string; high: string }[]>
/** Who consumes a partition now, keyed by partitionKey(). */
export type Assignments = Map<string, { memberId: string; clientId: string }>

export function partitionKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`
}

/**
 * Lag of every partition of every topic the group committed on: partitions without a commit get null offsets and
 * null lag. Topics missing from `watermarks` (deleted since the commit) are dropped: there is no end to measure
 * against. A commit past the end (log truncated, topic recreated) counts as 0, never negative. A commit below the low
 * watermark is kept as is; `startOffset` shows the reader that unread records were deleted by retention.
 */
export function computePartitionLags(
  committed: Committed[],
  watermarks: Watermarks,
  assignments: Assignments = new Map(),
): PartitionLag[] {
  const offsetOf = new Map<string, string>()
  for (const c of committed) if (!c.offset.startsWith('-')) offsetOf.set(partitionKey(c.topic, c.partition), c.offset)
  const topics = [...new Set(committed.map((c) => c.topic))].sort()
  return topics.flatMap((topic) =>
    (watermarks.get(topic) ?? [])
      .slice()
      .sort((a, b) => a.partition - b.partition)
      .map(({ partition, low, high }) => {
        const key = partitionKey(topic, partition)
        const offset = offsetOf.get(key) ?? null
        const member = assignments.get(key)
        return {
          topic,
          partition,
          committedOffset: offset,
          endOffset: high,
          startOffset: low,
          lag: offset === null ? null : lagOf(offset, high),
          memberId: member?.memberId ?? null,
          clientId: member?.clientId ?? null,
        }
      }),
  )
}

/** end − committed as a decimal string, floored at 0 (exact beyond 2^53). */
export function lagOf(committed: string, end: string): string {
  const lag = BigInt(end) - BigInt(committed)
  return (lag < 0n ? 0n : lag).toString()
}

/** Sum of the partitions' lags (null counts as 0). */
export function totalLagOf(partitions: PartitionLag[]): string {
  return partitions.reduce((sum, p) => sum + BigInt(p.lag ?? '0'), 0n).toString()
}

/** The one-line view of a group's lag for the groups list. */
export function lagSummaryOf(groupId: string, partitions: PartitionLag[]): GroupLagSummary {
  return {
    groupId,
    totalLag: totalLagOf(partitions),
    partitionsWithLag: partitions.filter((p) => p.lag !== null && p.lag !== '0').length,
    topics: [...new Set(partitions.map((p) => p.topic))],
  }
}
