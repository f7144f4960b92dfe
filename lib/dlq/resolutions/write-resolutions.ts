import 'server-only'
import { ensureStateTopic, type StateTopic } from '@/lib/state/state-topics'
import { murmur2Partition } from '../replay/murmur2'
import type { OutgoingRecord, ReplayClient } from '../replay/replay-client'
import { type DeadLetterCoordinates, RESOLUTIONS_TOPIC_SPEC, type ResolutionRecord, resolutionKeyOf } from './types'

export type ResolutionWrite = { coordinates: DeadLetterCoordinates; resolution: ResolutionRecord }

/** The cluster's resolutions topic, created (compacted) on first use; `{ ok: false, reason }` when it cannot be. */
export function resolutionsTopicOf(clusterId: string): Promise<StateTopic> {
  return ensureStateTopic(clusterId, 'dlq-resolutions', RESOLUTIONS_TOPIC_SPEC)
}

/**
 * Appends resolution records (acks=all). Partitioned like the Java client and kafkajs' default partitioner (murmur2
 * of the key), so every writer puts one dead letter's resolutions in one partition, in order, and compaction keeps
 * the latest.
 */
export async function writeResolutions(client: ReplayClient, topic: string, writes: ResolutionWrite[]): Promise<void> {
  if (writes.length === 0) return
  const partitions = (await client.partitionsOf(topic, false)) ?? RESOLUTIONS_TOPIC_SPEC.partitions
  const records: OutgoingRecord[] = writes.map((w) => {
    const key = Buffer.from(resolutionKeyOf(w.coordinates), 'utf8')
    return {
      topic,
      partition: murmur2Partition(key, partitions),
      key,
      value: Buffer.from(JSON.stringify(w.resolution), 'utf8'),
      headers: [],
    }
  })
  await client.sendBatched(records)
}
