// No runtime imports: the browser imports these as types.
import type { AuditStatus } from '../../audit/types'

export type CreateTopicRequest = {
  name: string
  partitions: number
  replicationFactor: number
  /** Topic config overrides, e.g. { "retention.ms": "3600000" }. */
  configs: Record<string, string>
}

export type CreateTopicResult = {
  topic: string
  partitions: number
  replicationFactor: number
  configs: Record<string, string>
  /** true on a dry run: Kafka validated the request (validateOnly) and nothing was created. */
  dryRun: boolean
  /** Whether every partition had a leader before Ferry answered (a new topic takes a moment to be writable). */
  leadersReady: boolean
  audit?: AuditStatus
}

/** What deleting the topic would remove. */
export type DeleteTopicPreview = {
  topic: string
  partitions: number
  replicationFactor: number
  /** Σ high − low watermarks (decimal string). */
  messageCount: string
  /** Config overrides, to recreate the topic by hand. */
  overrides: Record<string, string>
  /** Why Ferry refuses to delete it (internal or Ferry state topic), or null. */
  refusedReason: string | null
}

export type DeleteTopicResult = { topic: string; deleted: true; audit: AuditStatus }

export type AlterTopicConfigsRequest = { set: Record<string, string>; delete: string[] }

export type ConfigChange = {
  name: string
  /** The override before (null: none, the broker or default value applied). */
  before: string | null
  /** The override after (null: removed). */
  after: string | null
}

export type AlterTopicConfigsPreview = {
  topic: string
  /** The topic's config overrides now (dynamic topic configs only). */
  overrides: Record<string, string>
  /** What the request changes; overrides not named are kept. */
  changes: ConfigChange[]
  /** Kafka validated the change (IncrementalAlterConfigs validateOnly); a refusal is an error, not a preview. */
  validated: boolean
}

export type AlterTopicConfigsResult = {
  topic: string
  changes: ConfigChange[]
  /** The overrides read back after the change. */
  overrides: Record<string, string>
  audit: AuditStatus
}

export type PurgeTopicRequest = {
  /** Partitions to purge; all when omitted. */
  partitions?: number[]
  /** Delete the records before this offset; 'high-watermark' (default) empties the partitions. */
  beforeOffset?: string | 'high-watermark'
}

export type PurgePartitionPlan = {
  partition: number
  lowBefore: string
  highBefore: string
  /** The new log start offset (DeleteRecords' offset). */
  target: string
  /** How many records go (decimal string). */
  deleted: string
}

export type PurgePlan = {
  topic: string
  rows: PurgePartitionPlan[]
  totalDeleted: string
  /** Why Ferry refuses to purge it, or null. */
  refusedReason: string | null
}

export type PurgeTopicResult = {
  topic: string
  rows: (PurgePartitionPlan & { lowAfter: string })[]
  totalDeleted: string
  audit: AuditStatus
}
