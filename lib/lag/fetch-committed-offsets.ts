import 'server-only'
import type { Admin } from '@platformatic/kafka'
import { getClusterConfig } from '@/lib/config'
import { platformaticAdminOf } from '@/lib/kafka/platformatic-admin'
import { platformaticErrorOf } from '@/lib/kafka/platformatic-connection'
import { chunksOf, mapConcurrent } from './map-concurrent'

/** A group's committed offset on one partition, as a decimal string (int64). */
export type CommittedOffset = { topic: string; partition: number; offset: string }

type GroupOffsets = Awaited<ReturnType<Admin['listConsumerGroupOffsets']>>

// OffsetFetch v8+ (Kafka 3.0+) carries many groups per request. @platformatic/kafka groups them per coordinator
// (FindCoordinator v4 batches the lookup too) and falls back to one request per group on older brokers. Chunks bound
// the size of one response: 1,000 groups × 200 partitions is about 5 MB.
const GROUPS_PER_REQUEST = 1_000
const CONCURRENT_REQUESTS = 2

/**
 * Every offset each group committed, per group id (groups without commits map to []). Partitions where Kafka
 * reports no commit (-1) are left out. One failing group fails the call: Kafka reports group errors (authorization,
 * coordinator loading) per group, and @platformatic/kafka turns any of them into an error for the whole request.
 */
export async function fetchCommittedOffsets(
  clusterId: string,
  groupIds: string[],
): Promise<Map<string, CommittedOffset[]>> {
  const cluster = getClusterConfig(clusterId)
  const unique = [...new Set(groupIds)]
  const result = new Map<string, CommittedOffset[]>(unique.map((id) => [id, []]))
  if (unique.length === 0) return result
  const admin = platformaticAdminOf(clusterId)
  try {
    const responses = await mapConcurrent(chunksOf(unique, GROUPS_PER_REQUEST), CONCURRENT_REQUESTS, (groups) =>
      groupOffsetsOf(admin, groups),
    )
    for (const group of responses.flat()) {
      const list = result.get(group.groupId) ?? []
      for (const topic of group.topics) {
        for (const p of topic.partitions) {
          if (p.committedOffset < 0n) continue
          list.push({ topic: topic.name, partition: p.partitionIndex, offset: p.committedOffset.toString() })
        }
      }
      result.set(group.groupId, list)
    }
  } catch (err) {
    throw platformaticErrorOf(err, cluster)
  }
  return result
}

/** One batched OffsetFetch, with a synchronous throw inside the library turned into a rejection. */
function groupOffsetsOf(admin: Admin, groups: string[]): Promise<GroupOffsets> {
  return new Promise<GroupOffsets>((resolve, reject) => {
    try {
      admin.listConsumerGroupOffsets({ groups }, (err, offsets) => (err ? reject(err) : resolve(offsets ?? [])))
    } catch (err) {
      reject(err)
    }
  })
}
