import 'server-only'
import { ApiError } from '@/lib/errors'
import { withAdmin } from '@/lib/kafka/client'
import { fetchWatermarks, type TopicPartitions } from '@/lib/kafka/fetch-watermarks'
import { type Committed, computePartitionLags, totalLagOf, type Watermarks } from './compute-lag'
import { fetchCommittedOffsets } from './fetch-committed-offsets'
import type { PartitionLag } from './types'

export type GroupLagSnapshot = { partitions: PartitionLag[]; totalLag: string }

/**
 * Lag of many groups at once, in three batched round trips whatever the number of groups: OffsetFetch for all groups
 * (per coordinator) beside one Metadata request for the partitions of every topic, then ListOffsets for the union of
 * the committed topics (per leader). Groups without commits map to an empty list.
 */
export async function getLagSnapshot(
  clusterId: string,
  groupIds: string[],
  /** Per group, topics to show even where nothing is committed yet (e.g. the members' assignment). */
  alsoTopics: Map<string, string[]> = new Map(),
): Promise<Map<string, GroupLagSnapshot>> {
  const [committed, partitionsOf] = await Promise.all([
    fetchCommittedOffsets(clusterId, groupIds),
    topicPartitionsOf(clusterId),
  ])
  for (const [groupId, topics] of alsoTopics) {
    const list = committed.get(groupId)
    if (!list) continue
    const known = new Set(list.map((c) => c.topic))
    // '-1' is Kafka's "no commit": computePartitionLags lists the topic's partitions with a null offset.
    for (const topic of topics) if (!known.has(topic)) list.push({ topic, partition: -1, offset: '-1' })
  }
  const topics = new Set([...committed.values()].flatMap((list) => list.map((c) => c.topic)))
  const watermarks = await watermarksOf(clusterId, topics, partitionsOf)
  const result = new Map<string, GroupLagSnapshot>()
  for (const [groupId, offsets] of committed) {
    const partitions = computePartitionLags(offsets satisfies Committed[], watermarks)
    result.set(groupId, { partitions, totalLag: totalLagOf(partitions) })
  }
  return result
}

/** Partition ids of every topic on the cluster. All topics: naming a deleted one makes kafkajs' Metadata throw. */
async function topicPartitionsOf(clusterId: string): Promise<Map<string, number[]>> {
  const { topics } = await withAdmin(clusterId, (admin) => admin.fetchTopicMetadata())
  return new Map(topics.map((t) => [t.name, t.partitions.map((p) => p.partitionId)]))
}

/** Watermarks of the given topics that still exist; once more with fresh metadata if one is deleted meanwhile. */
async function watermarksOf(
  clusterId: string,
  topics: Set<string>,
  partitionsOf: Map<string, number[]>,
): Promise<Watermarks> {
  const wanted = (known: Map<string, number[]>): TopicPartitions[] =>
    [...topics].flatMap((topic) => {
      const partitions = known.get(topic)
      return partitions ? [{ topic, partitions }] : []
    })
  try {
    return await fetchWatermarks(clusterId, wanted(partitionsOf))
  } catch (err) {
    if (!(err instanceof ApiError) || err.code !== 'not_found') throw err
    return fetchWatermarks(clusterId, wanted(await topicPartitionsOf(clusterId)))
  }
}
