// No runtime imports: the browser imports these as types.
import type { AuditStatus } from '../../audit/types'

export type DeleteGroupResult = {
  groupId: string
  deleted: true
  /** Whether the action is in the audit trail (it happened either way). */
  audit: AuditStatus
}

export type DeleteGroupOffsetsResult = {
  groupId: string
  topic: string
  /** Partitions whose committed offset was deleted. */
  partitions: number[]
  audit: AuditStatus
}
