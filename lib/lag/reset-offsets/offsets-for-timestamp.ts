import 'server-only'
import { getClusterConfig } from '@/lib/config'
import { withRawCluster } from '@/lib/kafka/client'
import { toApiError } from '@/lib/kafka/errors'
import type { ScopedPartition } from './resolve-scope'

const LEADER_ERRORS = /NOT_LEADER|LEADER_NOT_AVAILABLE/
const ATTEMPTS = 5

/**
 * ListOffsets by timestamp for every partition, one request per leader (kafkajs' batched internal Cluster): the first
 * offset whose record timestamp is at or after `timestamp`, or -1 when no record is that recent. Keyed
 * `topic\0partition`. (kafkajs' public fetchTopicOffsetsByTimestamp asks one topic at a time; @platformatic/kafka's
 * listOffsets throws an uncatchable TypeError for a topic deleted since its metadata was read.)
 */
export async function offsetsForTimestamp(
  clusterId: string,
  partitions: ScopedPartition[],
  timestamp: number,
): Promise<Map<string, bigint>> {
  const byTopic = new Map<string, number[]>()
  for (const p of partitions) byTopic.set(p.topic, [...(byTopic.get(p.topic) ?? []), p.partition])
  const result = new Map<string, bigint>()
  if (byTopic.size === 0) return result
  try {
    await withRawCluster(clusterId, async (cluster) => {
      for (let attempt = 1; ; attempt++) {
        try {
          // Metadata for exactly these topics: leaders may have moved since the last use.
          cluster.targetTopics = new Set(byTopic.keys())
          await cluster.refreshMetadata()
          const answer = await cluster.fetchTopicsOffset(
            [...byTopic].map(([topic, list]) => ({
              topic,
              fromTimestamp: timestamp,
              partitions: list.map((partition) => ({ partition })),
            })),
          )
          for (const t of answer)
            for (const p of t.partitions) result.set(`${t.topic}\u0000${p.partition}`, BigInt(p.offset))
          return
        } catch (err) {
          if (attempt >= ATTEMPTS || !LEADER_ERRORS.test((err as { type?: string }).type ?? '')) throw err
          await new Promise((r) => setTimeout(r, 100 * 2 ** attempt))
        }
      }
    })
  } catch (err) {
    throw toApiError(err, { clusterId, brokers: getClusterConfig(clusterId).brokers })
  }
  return result
}
