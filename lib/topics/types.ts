// No runtime imports: the browser imports these as types.

export type TopicSummary = {
  name: string
  internal: boolean
  partitions: number
  replicationFactor: number
  underReplicatedPartitions: number
  offlinePartitions: number
  /** Sum over partitions of (high watermark − low watermark), as a decimal string (int64). */
  messageCount: string
  /** retention.ms as configured (decimal string); "-1" = unlimited; null when not known. */
  retentionMs: string | null
  /** retention.bytes (decimal string); "-1" = unlimited; null when not known. */
  retentionBytes: string | null
  cleanupPolicy: string | null
}

export type TopicList = {
  topics: TopicSummary[]
  fetchedAt: string
}
