// The `<prefix>dlq-resolutions` compacted topic: the statuses of resolved dead letters, read by every console
// instance. Written as *runs* (resolution-runs.ts): one record for many dead letters of one DLQ partition, all of a
// DLQ partition's records in one resolutions partition, so log order decides and the latest resolution wins.
// Records of an earlier format, one per dead letter keyed by its coordinates, are still read (a tombstone of such a
// key puts the dead letter back to pending).
import type { DeadLetterResolution } from '../api-types'

export type DeadLetterCoordinates = { dlqTopic: string; partition: number; offset: string }

/** The key of a one-dead-letter record (earlier format, still read): JSON [dlqTopic, partition, offset]. */
export function resolutionKeyOf(c: DeadLetterCoordinates): string {
  return JSON.stringify([c.dlqTopic, c.partition, c.offset])
}

/** The coordinates of a resolution key, or null for a key that is not one. */
export function coordinatesOfResolutionKey(key: string): DeadLetterCoordinates | null {
  try {
    const v = JSON.parse(key) as unknown
    if (!Array.isArray(v) || v.length !== 3) return null
    const [dlqTopic, partition, offset] = v as unknown[]
    if (typeof dlqTopic !== 'string' || !Number.isInteger(partition) || typeof offset !== 'string') return null
    if (!/^\d+$/.test(offset)) return null
    return { dlqTopic, partition: partition as number, offset }
  } catch {
    return null
  }
}

/** The record value (JSON). A tombstone (null value) puts the dead letter back to pending. */
export type ResolutionRecord = DeadLetterResolution & { clusterId: string }

/** Resolution topic spec: compacted, a few partitions (keys spread; per-key order is what matters). */
export const RESOLUTIONS_TOPIC_SPEC = { cleanupPolicy: 'compact' as const, partitions: 3 }
/** Replay jobs topic spec: compacted, one partition (jobs are few; one log keeps their order). */
export const REPLAY_JOBS_TOPIC_SPEC = { cleanupPolicy: 'compact' as const, partitions: 1 }

/** Provenance headers on every replayed record. */
export const REPLAY_HEADERS = {
  id: 'ferry-replay-id',
  dlqTopic: 'ferry-replay-dlq-topic',
  dlqPartition: 'ferry-replay-dlq-partition',
  dlqOffset: 'ferry-replay-dlq-offset',
  at: 'ferry-replayed-at',
  by: 'ferry-replayed-by',
  count: 'ferry-replay-count',
} as const
