// No runtime imports: the browser imports these as types.

export type BrokerInfo = {
  nodeId: number
  host: string
  port: number
  rack: string | null
  isController: boolean
  /** Partitions this broker leads / holds a replica of. */
  leaderCount: number
  replicaCount: number
}

/** A broker that partitions name as a replica but that the cluster metadata no longer lists: it is down. */
export type MissingBroker = { nodeId: number; replicaCount: number }

/** One configured bootstrap address and whether a TCP connection to it succeeded just now. */
export type BootstrapProbe = { address: string; reachable: boolean; error?: string; latencyMs?: number }

export type ClusterOverview = {
  clusterId: string
  clusterName: string
  kafkaClusterId: string | null
  /** Kafka release as the brokers report it through their feature levels, e.g. "4.3"; null when unknown. */
  kafkaVersion: string | null
  /** How kafkaVersion was found, e.g. "metadata.version 4.3-IV0". */
  kafkaVersionSource: string | null
  controllerId: number | null
  /** KRaft metadata quorum; its leader is the active controller. null when not describable (ZooKeeper, ACLs). */
  quorum: {
    leaderId: number
    leaderEpoch: number
    highWatermark: string
    voters: { replicaId: number; lag: string }[]
    observers: { replicaId: number; lag: string }[]
  } | null
  brokers: BrokerInfo[]
  missingBrokers: MissingBroker[]
  bootstrap: BootstrapProbe[]
  topicCount: number
  internalTopicCount: number
  partitionCount: number
  underReplicatedPartitions: number
  offlinePartitions: number
  fetchedAt: string
}
