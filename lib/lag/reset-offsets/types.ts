// No runtime imports: the browser imports these as types. Offsets and lags are int64 decimal strings.
import type { AuditStatus } from '../../audit/types'
import type { GroupType } from '../../groups/types'

/** Which partitions to reset: named topics (all their partitions unless listed), or every topic the group committed on. */
export type ResetScope = { topics: { topic: string; partitions?: number[] }[] } | { allCommittedTopics: true }

/**
 * Where to move the committed offsets, as Kafka's ConsumerGroupCommand does: `timestamp` is epoch ms or an ISO date
 * with a zone; `offset` and `by` are int64 decimal strings (`by` may be negative).
 */
export type ResetMode =
  | { kind: 'earliest' }
  | { kind: 'latest' }
  | { kind: 'timestamp'; timestamp: number | string }
  | { kind: 'offset'; offset: string }
  | { kind: 'shift'; by: string }

export type ResetOffsetsRequest = { scope: ResetScope; mode: ResetMode }

/** One partition's planned (or applied) move. */
export type ResetRow = {
  topic: string
  partition: number
  /** null: the group has no commit on this partition yet. */
  currentOffset: string | null
  targetOffset: string
  /** high − current, floored at 0; null without a commit. */
  currentLag: string | null
  lagAfter: string
  /** Log start and end offsets the target was kept within. */
  low: string
  high: string
  /** The requested position lay outside [low, high] (or no record is that recent) and was moved to the nearest end. */
  clamped: boolean
}

/** A partition in scope that is left as it is, and why (e.g. nothing committed to shift from). */
export type ResetSkipped = { topic: string; partition: number; reason: string }

export type ResetGroupState = {
  /** false: no such group yet; resetting named topics creates its offsets, as Kafka's tool does. */
  exists: boolean
  type: GroupType | null
  state: string
  members: number
}

export type ResetOffsetsPreview = {
  clusterId: string
  groupId: string
  group: ResetGroupState
  /** The mode in words, e.g. "to the earliest offset". */
  modeText: string
  rows: ResetRow[]
  skipped: ResetSkipped[]
  totals: { lagBefore: string; lagAfter: string }
  /** Why executing this reset would be refused now (active members, read-only cluster); null when it would run. */
  blockedReason: string | null
  plannedAt: string
}

export type ResetOffsetsResult = {
  clusterId: string
  groupId: string
  modeText: string
  /** The offsets committed, with the offsets they replaced. */
  applied: ResetRow[]
  skipped: ResetSkipped[]
  totals: { lagBefore: string; lagAfter: string }
  /** Whether the reset is in the audit trail (it happened either way). */
  audit: AuditStatus
  executedAt: string
}
