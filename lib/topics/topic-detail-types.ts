// No runtime imports: the browser imports these as types. Offsets and message counts are int64 decimal strings.
import type { GroupType } from '../groups/types'

export type TopicPartitionDetail = {
  partition: number
  /** -1 when the partition has no leader. */
  leader: number
  leaderEpoch: number
  replicas: number[]
  isr: number[]
  /** Replicas on brokers whose log directory failed (Kafka's offline_replicas). */
  offlineReplicas: number[]
  /** No live leader. */
  offline: boolean
  /** Fewer replicas in sync than assigned. */
  underReplicated: boolean
  /** Low watermark (log start offset) and high watermark. */
  low: string
  high: string
  /** high − low. */
  messages: string
  /** Bytes on disk, the largest over the replicas (a lagging follower holds less); null when log sizes are unknown. */
  sizeBytes: number | null
}

/** What one broker holds of the topic, from DescribeLogDirs (future replicas moving between dirs excluded). */
export type BrokerLogSize = { broker: number; bytes: number; partitions: number; logDirs: string[] }

export type TopicDetail = {
  name: string
  /** Kafka's topic id (base64 UUID as the CLI prints it); null when the broker did not send one. */
  topicId: string | null
  internal: boolean
  partitionCount: number
  replicationFactor: number
  messageCount: string
  /** Σ partition sizes; null when log sizes are unknown. */
  sizeBytes: number | null
  underReplicatedPartitions: number
  offlinePartitions: number
  partitions: TopicPartitionDetail[]
  brokerSizes: BrokerLogSize[]
  /** Why log sizes could not be read (e.g. DescribeLogDirs refused); null when they were. */
  logSizesUnavailable: string | null
  fetchedAt: string
}

/** Where a config value comes from, in Kafka's words (DescribeConfigs config_source). */
export type ConfigSourceName =
  | 'DYNAMIC_TOPIC_CONFIG'
  | 'DYNAMIC_BROKER_CONFIG'
  | 'DYNAMIC_DEFAULT_BROKER_CONFIG'
  | 'STATIC_BROKER_CONFIG'
  | 'DEFAULT_CONFIG'
  | 'DYNAMIC_BROKER_LOGGER_CONFIG'
  | 'CLIENT_METRICS_CONFIG'
  | 'GROUP_CONFIG'
  | 'UNKNOWN'

export type ConfigSynonym = { name: string; value: string | null; source: ConfigSourceName }

export type TopicConfigEntry = {
  name: string
  /** Effective value; null when Kafka has none, and always null for sensitive entries (never sent). */
  value: string | null
  source: ConfigSourceName
  /** Set on this topic (DYNAMIC_TOPIC_CONFIG), not inherited from a broker setting or Kafka's default. */
  isOverride: boolean
  /** Kafka's built-in default (DEFAULT_CONFIG). */
  isDefault: boolean
  readOnly: boolean
  sensitive: boolean
  /** Kafka's documentation of the key (DescribeConfigs v3+); null when not sent. */
  documentation: string | null
  /** Where else the value is defined, highest precedence first (values of sensitive entries are null). */
  synonyms: ConfigSynonym[]
}

export type TopicConfigs = { topic: string; configs: TopicConfigEntry[]; fetchedAt: string }

export type TopicConsumer = {
  groupId: string
  type: GroupType
  /** Classic groups: "consumer" or "" (the only kinds with committed offsets). */
  protocolType: string
  state: string
  members: number
  /** 'share-start': share groups (KIP-932) report a share-partition start offset, not a committed offset. */
  offsetKind: 'committed' | 'share-start'
  /** Partitions of this topic with an offset. */
  partitions: number
  /** Σ lag over this topic's partitions. */
  lag: string
  /** Age of the oldest unconsumed record of this topic; null when unknown or no lag. */
  maxLagMs: number | null
}

export type TopicConsumers = { topic: string; consumers: TopicConsumer[]; notes: string[]; fetchedAt: string }
