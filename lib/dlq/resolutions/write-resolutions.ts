import 'server-only'
import { randomUUID } from 'node:crypto'
import { ensureStateTopic, type StateTopic } from '@/lib/state/state-topics'
import { murmur2Partition } from '../replay/murmur2'
import type { OutgoingRecord, ReplayClient } from '../replay/replay-client'
import { homePartitionKeyOf, ResolutionRunBuilder, type RunCommon, type RunValue, runKeyOf } from './resolution-runs'
import { type DeadLetterCoordinates, RESOLUTIONS_TOPIC_SPEC, type ResolutionRecord } from './types'

export type ResolutionWrite = { coordinates: DeadLetterCoordinates; resolution: ResolutionRecord }

/** The cluster's resolutions topic, created (compacted) on first use; `{ ok: false, reason }` when it cannot be. */
export function resolutionsTopicOf(clusterId: string): Promise<StateTopic> {
  return ensureStateTopic(clusterId, 'dlq-resolutions', RESOLUTIONS_TOPIC_SPEC)
}

/**
 * Appends runs (acks=all), each to its DLQ partition's home partition (murmur2 of [dlqTopic, partition], like a
 * keyed record of the Java client), so all resolutions of a dead letter are in one partition, in order.
 */
export async function writeResolutionRuns(client: ReplayClient, topic: string, runs: RunValue[]): Promise<void> {
  if (runs.length === 0) return
  const partitions = (await client.partitionsOf(topic, false)) ?? RESOLUTIONS_TOPIC_SPEC.partitions
  const records: OutgoingRecord[] = runs.map((run) => ({
    topic,
    partition: murmur2Partition(Buffer.from(homePartitionKeyOf(run.dlqTopic, run.partition), 'utf8'), partitions),
    key: Buffer.from(runKeyOf(run.dlqTopic, run.partition, randomUUID()), 'utf8'),
    value: Buffer.from(JSON.stringify(run), 'utf8'),
    headers: [],
  }))
  await client.sendBatched(records)
}

/** Appends resolutions given one by one (discards, a recovery's findings), grouped into runs. */
export async function writeResolutions(client: ReplayClient, topic: string, writes: ResolutionWrite[]): Promise<void> {
  const builders = new Map<string, ResolutionRunBuilder>()
  for (const { coordinates: c, resolution: r } of writes) {
    const common: RunCommon = { clusterId: r.clusterId, status: r.status, at: r.at, by: r.by }
    if (r.jobId !== undefined) common.jobId = r.jobId
    if (r.reason !== undefined) common.reason = r.reason
    // A run's dead letters all have a copy (replayed) or none.
    const id = JSON.stringify([c.dlqTopic, common, r.target !== undefined])
    let builder = builders.get(id)
    if (!builder) {
      builder = new ResolutionRunBuilder(c.dlqTopic, common)
      builders.set(id, builder)
    }
    builder.add(c.partition, c.offset, r.replayCount, r.target)
  }
  await writeResolutionRuns(
    client,
    topic,
    [...builders.values()].flatMap((b) => b.finish()),
  )
}
