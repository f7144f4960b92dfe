import 'server-only'
import { getClusterConfig, getConfig } from '@/lib/config'
import { withAdmin } from '@/lib/kafka/client'
import { describeMetadataQuorum } from '@/lib/kafka/describe-quorum'
import { detectKafkaVersion } from '@/lib/kafka/detect-kafka-version'
import { probeBootstrapServers } from './probe-bootstrap'
import { evaluatePartitionHealth, isInternalTopic } from './summarize-partitions'
import type { BrokerInfo, ClusterOverview, MissingBroker } from './types'

/** Brokers, controller, partition health and bootstrap reachability of one cluster. */
export async function getClusterOverview(clusterId: string): Promise<ClusterOverview> {
  const cluster = getClusterConfig(clusterId)
  const probes = probeBootstrapServers(cluster.brokers)
  const [described, metadata] = await withAdmin(clusterId, (admin) =>
    Promise.all([admin.describeCluster(), admin.fetchTopicMetadata()]),
  ).catch(async (err) => {
    // Say which bootstrap addresses answered a plain TCP connect: "down" vs "wrong address" vs "auth" differ.
    err.details = { bootstrap: await probes }
    throw err
  })
  const [racks, quorum, version, bootstrap] = await Promise.all([
    fetchBrokerRacks(
      clusterId,
      described.brokers.map((b) => b.nodeId),
    ),
    fetchQuorum(clusterId),
    detectKafkaVersion(clusterId),
    probes,
  ])

  // The Metadata API's controller is a random broker on KRaft; the quorum leader is the real one.
  const controllerId = quorum?.leaderId ?? null
  const live = new Set(described.brokers.map((b) => b.nodeId))
  const leaders = new Map<number, number>()
  const replicas = new Map<number, number>()
  let partitionCount = 0
  let underReplicated = 0
  let offline = 0
  let internalTopics = 0
  const prefix = getConfig().config.stateTopicPrefix
  for (const topic of metadata.topics) {
    if (isInternalTopic(topic.name, prefix)) internalTopics++
    for (const p of topic.partitions) {
      partitionCount++
      const health = evaluatePartitionHealth(p, live)
      if (health.offline) offline++
      if (health.underReplicated) underReplicated++
      if (p.leader >= 0) leaders.set(p.leader, (leaders.get(p.leader) ?? 0) + 1)
      for (const r of p.replicas) replicas.set(r, (replicas.get(r) ?? 0) + 1)
    }
  }

  const brokers: BrokerInfo[] = described.brokers
    .map((b) => ({
      nodeId: b.nodeId,
      host: b.host,
      port: b.port,
      rack: racks.get(b.nodeId) ?? null,
      isController: b.nodeId === controllerId,
      leaderCount: leaders.get(b.nodeId) ?? 0,
      replicaCount: replicas.get(b.nodeId) ?? 0,
    }))
    .sort((a, b) => a.nodeId - b.nodeId)
  const missingBrokers: MissingBroker[] = [...replicas.entries()]
    .filter(([nodeId]) => !live.has(nodeId))
    .map(([nodeId, replicaCount]) => ({ nodeId, replicaCount }))
    .sort((a, b) => a.nodeId - b.nodeId)

  return {
    clusterId,
    clusterName: cluster.name ?? cluster.id,
    kafkaClusterId: described.clusterId || null,
    kafkaVersion: version.release,
    kafkaVersionSource: version.source,
    controllerId,
    quorum,
    brokers,
    missingBrokers,
    bootstrap,
    topicCount: metadata.topics.length,
    internalTopicCount: internalTopics,
    partitionCount,
    underReplicatedPartitions: underReplicated,
    offlinePartitions: offline,
    fetchedAt: new Date().toISOString(),
  }
}

/** The metadata quorum in overview form; null when the cluster cannot or may not describe it (ZooKeeper, ACLs). */
/** The overview must not wait on a slow controller quorum: past this, the quorum is shown as unknown. */
const QUORUM_WAIT_MS = 3_000

async function fetchQuorum(clusterId: string): Promise<ClusterOverview['quorum']> {
  let timer: NodeJS.Timeout | undefined
  try {
    const q = await Promise.race([
      describeMetadataQuorum(clusterId),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('quorum timeout')), QUORUM_WAIT_MS)
      }),
    ])
    const lagOf = (r: { replicaId: number; lag: string }) => ({ replicaId: r.replicaId, lag: r.lag })
    return {
      leaderId: q.leaderId,
      leaderEpoch: q.leaderEpoch,
      highWatermark: q.highWatermark,
      voters: q.voters.map(lagOf),
      observers: q.observers.map(lagOf),
    }
  } catch {
    return null
  } finally {
    clearTimeout(timer)
  }
}

/** broker.rack per broker (kafkajs' describeCluster drops the rack, DescribeConfigs has it). */
async function fetchBrokerRacks(clusterId: string, nodeIds: number[]): Promise<Map<number, string>> {
  if (nodeIds.length === 0) return new Map()
  const racks = new Map<number, string>()
  try {
    const res = await withAdmin(clusterId, (admin) =>
      admin.describeConfigs({
        includeSynonyms: false,
        // ConfigResourceTypes.BROKER = 4
        resources: nodeIds.map((id) => ({ type: 4, name: String(id), configNames: ['broker.rack'] })),
      }),
    )
    for (const r of res.resources) {
      const rack = r.configEntries.find((e) => e.configName === 'broker.rack')?.configValue
      if (rack) racks.set(Number(r.resourceName), rack)
    }
  } catch {
    // A principal without DescribeConfigs on brokers still gets the overview, without racks.
  }
  return racks
}
