import 'server-only'
import { getClusterConfig } from '@/lib/config'
import { withRawCluster } from './client'
import { toApiError } from './errors'

export type PartitionWatermarks = { partition: number; low: string; high: string }
export type TopicPartitions = { topic: string; partitions: number[] }

/** Topics per ListOffsets round: bounds request and metadata size on very large clusters. */
const TOPICS_PER_BATCH = 1_000

const LEADER_ERRORS = new Set(['NOT_LEADER_FOR_PARTITION', 'NOT_LEADER_OR_FOLLOWER', 'LEADER_NOT_AVAILABLE'])
const LEADER_RETRIES = 5

/**
 * A leader that does not host a partition yet: a topic created a moment ago, whose metadata has not reached every
 * broker (seen on Kafka 3.9 KRaft). Retried briefly; a topic that was really deleted still fails within ~0.7 s.
 */
const PROPAGATION_ERROR = 'UNKNOWN_TOPIC_OR_PARTITION'
const PROPAGATION_RETRIES = 3

/** Retries while partition leadership is moving (new topics, a broker restart): metadata is refreshed each time. */
async function withLeaderRetry<T>(op: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await op()
    } catch (err) {
      const type = (err as { type?: string }).type
      const retriable =
        (type !== undefined && LEADER_ERRORS.has(type) && attempt < LEADER_RETRIES) ||
        (type === PROPAGATION_ERROR && attempt < PROPAGATION_RETRIES)
      if (!retriable) throw err
      await new Promise((r) => setTimeout(r, 100 * 2 ** attempt))
    }
  }
}

/**
 * Low and high watermarks of every given partition, batched: per round of topics, one ListOffsets per leader broker
 * for the low marks and one for the high marks. Offsets are decimal strings (int64).
 */
export async function fetchWatermarks(
  clusterId: string,
  topics: TopicPartitions[],
): Promise<Map<string, PartitionWatermarks[]>> {
  const wanted = topics.filter((t) => t.partitions.length > 0)
  const result = new Map<string, PartitionWatermarks[]>()
  if (wanted.length === 0) return result
  try {
    await withRawCluster(clusterId, async (cluster) => {
      for (let i = 0; i < wanted.length; i += TOPICS_PER_BATCH) {
        const batch = wanted.slice(i, i + TOPICS_PER_BATCH)
        const request = (fromBeginning: boolean) =>
          cluster.fetchTopicsOffset(
            batch.map((t) => ({
              topic: t.topic,
              fromBeginning,
              partitions: t.partitions.map((partition) => ({ partition })),
            })),
          )
        const [lows, highs] = await withLeaderRetry(async () => {
          // Metadata for exactly this batch: leaders may have moved, and a deleted topic must not linger.
          cluster.targetTopics = new Set(batch.map((t) => t.topic))
          await cluster.refreshMetadata()
          return Promise.all([request(true), request(false)])
        })
        const lowOf = new Map<string, string>()
        for (const t of lows) for (const p of t.partitions) lowOf.set(`${t.topic}\u0000${p.partition}`, p.offset)
        for (const t of highs) {
          const list = t.partitions
            .map((p) => ({
              partition: p.partition,
              low: lowOf.get(`${t.topic}\u0000${p.partition}`) ?? p.offset,
              high: p.offset,
            }))
            .sort((a, b) => a.partition - b.partition)
          result.set(t.topic, list)
        }
      }
    })
  } catch (err) {
    throw toApiError(err, { clusterId, brokers: getClusterConfig(clusterId).brokers })
  }
  return result
}
