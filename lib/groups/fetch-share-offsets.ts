import 'server-only'
import { getClusterConfig } from '@/lib/config'
import { ApiError } from '@/lib/errors'
import { withAdmin } from '@/lib/kafka/client'
import { fetchWatermarks, type TopicPartitions } from '@/lib/kafka/fetch-watermarks'
import {
  brokerConnectionOf,
  clusterConnectionsOf,
  dropClusterConnections,
  newestSupported,
  platformaticErrorOf,
  withinDeadline,
} from '@/lib/kafka/platformatic-connection'
import { lagOf, partitionKey, totalLagOf } from '@/lib/lag/compute-lag'
import type { PartitionLag } from '@/lib/lag/types'
import { DESCRIBE_SHARE_GROUP_OFFSETS_APIS, type ShareOffsetsGroupWire } from './describe-share-offsets-api'
import { coordinatorsOf } from './find-coordinators'

// Share groups (KIP-932) commit no consumer offsets: each share-partition keeps a start offset (everything before it
// is delivered and acknowledged) and, from DescribeShareGroupOffsets v1 (Kafka 4.2+), its own lag, which leaves out
// the records in flight or acknowledged past the start. This is what ShareGroupCommand --describe prints.

/** A share-partition's start offset and lag as decimal strings; null where Kafka answers -1 (the CLI's "-"). */
export type ShareOffset = { topic: string; partition: number; startOffset: string | null; lag: string | null }

/** Lag of a share group in the shape of consumer lag: `committedOffset` is the share-partition start offset. */
export type ShareGroupLag = { partitions: PartitionLag[]; totalLag: string }

// Kafka's "try again" answers while a coordinator moves or loads its partition of __share_group_state.
const RETRIABLE = new Set([14, 15, 16]) // COORDINATOR_LOAD_IN_PROGRESS, COORDINATOR_NOT_AVAILABLE, NOT_COORDINATOR
const ATTEMPTS = 3

/**
 * The share-partition start offset and lag of every topic-partition of each group, from one
 * DescribeShareGroupOffsets request per coordinator. Groups with an error of their own (not found, not a share group,
 * not authorized, coordinator still unavailable after retries) are left out; a partition with an error has null
 * offsets. Brokers without the API (Kafka 3.9 has no share groups) give an empty map.
 */
export async function fetchShareGroupOffsets(
  clusterId: string,
  groupIds: string[],
): Promise<Map<string, ShareOffset[]>> {
  const result = new Map<string, ShareOffset[]>()
  if (groupIds.length === 0) return result
  const cluster = getClusterConfig(clusterId)
  const entry = clusterConnectionsOf(cluster)
  const work = async () => {
    const { connection, apiVersions } = await entry.bootstrap
    const api = newestSupported(apiVersions, DESCRIBE_SHARE_GROUP_OFFSETS_APIS)
    if (!api) return
    let pending = [...new Set(groupIds)]
    for (let attempt = 1; pending.length > 0 && attempt <= ATTEMPTS; attempt++) {
      const coordinators = await coordinatorsOf(connection, apiVersions, pending)
      const answers = await Promise.all(
        coordinators.map(async (c) => {
          const onCoordinator = await brokerConnectionOf(cluster, c.broker)
          const request = c.groupIds.map((groupId) => ({ groupId, topics: null }))
          return (await api.async(onCoordinator, request)).groups
        }),
      )
      pending = []
      for (const group of answers.flat()) {
        if (group.errorCode === 0) result.set(group.groupId, shareOffsetsOf(group))
        else if (RETRIABLE.has(group.errorCode)) pending.push(group.groupId)
      }
      if (pending.length > 0) await new Promise((r) => setTimeout(r, 100 * attempt))
    }
  }
  try {
    await withinDeadline(cluster, work(), 'describe its share group offsets')
  } catch (err) {
    // A dead broker, a timeout or a garbled answer: start over with fresh connections next time.
    if (!(err instanceof ApiError) || err.code === 'timeout') void dropClusterConnections(clusterId, entry)
    throw platformaticErrorOf(err, cluster)
  }
  return result
}

function shareOffsetsOf(group: ShareOffsetsGroupWire): ShareOffset[] {
  return group.topics
    .flatMap((t) =>
      t.partitions.map((p) => {
        const ok = p.errorCode === 0
        return {
          topic: t.topicName,
          partition: p.partitionIndex,
          startOffset: ok && p.startOffset >= 0n ? p.startOffset.toString() : null,
          lag: ok && p.lag >= 0n ? p.lag.toString() : null,
        }
      }),
    )
    .sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition))
}

/**
 * Share groups' lag per partition: `committedOffset` is the share-partition start offset, `endOffset` and
 * `startOffset` the partition's watermarks, `lag` Kafka's own share-partition lag when it gives one (v1), else
 * end − start offset floored at 0 (null when the start offset is unknown). Partitions of deleted topics are dropped.
 */
export async function getShareGroupLags(clusterId: string, groupIds: string[]): Promise<Map<string, ShareGroupLag>> {
  const offsets = await fetchShareGroupOffsets(clusterId, groupIds)
  const result = new Map<string, ShareGroupLag>()
  if (offsets.size === 0) return result
  const wanted = new Map<string, Set<number>>()
  for (const list of offsets.values()) {
    for (const o of list) wanted.set(o.topic, (wanted.get(o.topic) ?? new Set()).add(o.partition))
  }
  const watermarks = await watermarksOf(
    clusterId,
    [...wanted].map(([topic, set]) => ({ topic, partitions: [...set] })),
  )
  for (const [groupId, list] of offsets) {
    const partitions = list.flatMap((o): PartitionLag[] => {
      const marks = watermarks.get(partitionKey(o.topic, o.partition))
      if (!marks) return []
      const lag = o.lag ?? (o.startOffset === null ? null : lagOf(o.startOffset, marks.high))
      return [
        {
          topic: o.topic,
          partition: o.partition,
          committedOffset: o.startOffset,
          endOffset: marks.high,
          startOffset: marks.low,
          lag,
          memberId: null,
          clientId: null,
        },
      ]
    })
    result.set(groupId, { partitions, totalLag: totalLagOf(partitions) })
  }
  return result
}

/** Watermarks by partitionKey; once more without the topics deleted meanwhile when one is gone. */
async function watermarksOf(
  clusterId: string,
  topics: TopicPartitions[],
): Promise<Map<string, { low: string; high: string }>> {
  let byTopic: Awaited<ReturnType<typeof fetchWatermarks>>
  try {
    byTopic = await fetchWatermarks(clusterId, topics)
  } catch (err) {
    if (!(err instanceof ApiError) || err.code !== 'not_found') throw err
    const existing = new Set(await withAdmin(clusterId, (admin) => admin.listTopics()))
    byTopic = await fetchWatermarks(
      clusterId,
      topics.filter((t) => existing.has(t.topic)),
    )
  }
  const result = new Map<string, { low: string; high: string }>()
  for (const [topic, list] of byTopic) for (const p of list) result.set(partitionKey(topic, p.partition), p)
  return result
}
