import 'server-only'
import { evaluatePartitionHealth, isInternalTopic } from '@/lib/cluster/summarize-partitions'
import { getClusterConfig, getConfig } from '@/lib/config'
import { fetchWatermarks } from '@/lib/kafka/fetch-watermarks'
import { platformaticAdminOf } from '@/lib/kafka/platformatic-admin'
import { platformaticErrorOf, withinDeadline } from '@/lib/kafka/platformatic-connection'
import { kafkaUuidOf, type TopicLogSizes, topicLogSizesOf } from './log-dir-sizes'
import type { TopicDetail, TopicPartitionDetail } from './topic-detail-types'
import { topicMetadataOf } from './topic-metadata'

/**
 * One topic in full: partitions with leader, replicas, ISR, offline replicas and health, watermarks and message
 * counts, and bytes on disk per partition and per broker (DescribeLogDirs). A refused or failed DescribeLogDirs does
 * not fail the page: `logSizesUnavailable` says why. Unknown topic → ApiError('not_found').
 */
export async function getTopicDetail(clusterId: string, topic: string): Promise<TopicDetail> {
  const meta = await topicMetadataOf(clusterId, topic)
  const partitionIds = meta.partitions.map((p) => p.partitionIndex)
  const [watermarks, sizes] = await Promise.all([
    fetchWatermarks(clusterId, [{ topic, partitions: partitionIds }]),
    logSizesOf(clusterId, topic, partitionIds),
  ])
  const marks = new Map((watermarks.get(topic) ?? []).map((w) => [w.partition, w]))
  const bySize = 'reason' in sizes ? null : sizes.byPartition
  const partitions: TopicPartitionDetail[] = meta.partitions
    .map((p) => {
      const health = evaluatePartitionHealth(
        { partitionId: p.partitionIndex, leader: p.leaderId, replicas: p.replicaNodes, isr: p.isrNodes },
        meta.liveBrokers,
      )
      const w = marks.get(p.partitionIndex)
      const low = w?.low ?? '0'
      const high = w?.high ?? '0'
      return {
        partition: p.partitionIndex,
        leader: p.leaderId,
        leaderEpoch: p.leaderEpoch,
        replicas: p.replicaNodes,
        isr: p.isrNodes,
        offlineReplicas: p.offlineReplicas,
        offline: health.offline,
        underReplicated: health.underReplicated,
        low,
        high,
        messages: (BigInt(high) - BigInt(low)).toString(),
        sizeBytes: bySize ? (bySize.get(p.partitionIndex) ?? 0) : null,
      }
    })
    .sort((a, b) => a.partition - b.partition)
  return {
    name: topic,
    topicId: kafkaUuidOf(meta.topicId),
    internal: meta.isInternal || isInternalTopic(topic, getConfig().config.stateTopicPrefix),
    partitionCount: partitions.length,
    replicationFactor: partitions[0]?.replicas.length ?? 0,
    messageCount: partitions.reduce((sum, p) => sum + BigInt(p.messages), 0n).toString(),
    sizeBytes: bySize ? partitions.reduce((sum, p) => sum + (p.sizeBytes ?? 0), 0) : null,
    underReplicatedPartitions: partitions.filter((p) => p.underReplicated).length,
    offlinePartitions: partitions.filter((p) => p.offline).length,
    partitions,
    brokerSizes: 'reason' in sizes ? [] : sizes.byBroker,
    logSizesUnavailable: 'reason' in sizes ? sizes.reason : null,
    fetchedAt: new Date().toISOString(),
  }
}

/** Bytes on disk from DescribeLogDirs on every broker, or the reason they could not be read. */
async function logSizesOf(
  clusterId: string,
  topic: string,
  partitions: number[],
): Promise<TopicLogSizes | { reason: string }> {
  const cluster = getClusterConfig(clusterId)
  try {
    const answers = await withinDeadline(
      cluster,
      platformaticAdminOf(clusterId).describeLogDirs({ topics: [{ name: topic, partitions }] }),
      'describe its log dirs',
    )
    return topicLogSizesOf(topic, answers)
  } catch (err) {
    return { reason: platformaticErrorOf(err, cluster).message }
  }
}
