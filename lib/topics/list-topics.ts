import 'server-only'
import { evaluatePartitionHealth, isInternalTopic } from '@/lib/cluster/summarize-partitions'
import { getConfig } from '@/lib/config'
import { withAdmin } from '@/lib/kafka/client'
import { fetchWatermarks } from '@/lib/kafka/fetch-watermarks'
import { fetchTopicConfigs } from './fetch-topic-configs'
import type { TopicList, TopicSummary } from './types'

const SUMMARY_CONFIGS = ['retention.ms', 'retention.bytes', 'cleanup.policy']

/** Every topic with partition health, message count (Σ high − low) and retention. */
export async function listTopics(clusterId: string): Promise<TopicList> {
  const [metadata, described] = await withAdmin(clusterId, (admin) =>
    Promise.all([admin.fetchTopicMetadata(), admin.describeCluster()]),
  )
  const live = new Set(described.brokers.map((b) => b.nodeId))
  const [watermarks, configs] = await Promise.all([
    fetchWatermarks(
      clusterId,
      metadata.topics.map((t) => ({ topic: t.name, partitions: t.partitions.map((p) => p.partitionId) })),
    ),
    fetchTopicConfigs(
      clusterId,
      metadata.topics.map((t) => t.name),
      SUMMARY_CONFIGS,
    ),
  ])
  const prefix = getConfig().config.stateTopicPrefix
  const topics: TopicSummary[] = metadata.topics.map((t) => {
    let under = 0
    let offline = 0
    for (const p of t.partitions) {
      const h = evaluatePartitionHealth(p, live)
      if (h.underReplicated) under++
      if (h.offline) offline++
    }
    const count = (watermarks.get(t.name) ?? []).reduce((sum, w) => sum + (BigInt(w.high) - BigInt(w.low)), 0n)
    const cfg = configs.get(t.name)
    return {
      name: t.name,
      internal: isInternalTopic(t.name, prefix),
      partitions: t.partitions.length,
      replicationFactor: t.partitions[0]?.replicas.length ?? 0,
      underReplicatedPartitions: under,
      offlinePartitions: offline,
      messageCount: count.toString(),
      retentionMs: cfg?.get('retention.ms') ?? null,
      retentionBytes: cfg?.get('retention.bytes') ?? null,
      cleanupPolicy: cfg?.get('cleanup.policy') ?? null,
    }
  })
  topics.sort((a, b) => a.name.localeCompare(b.name))
  return { topics, fetchedAt: new Date().toISOString() }
}
