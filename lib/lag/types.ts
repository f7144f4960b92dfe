// No runtime imports: the browser imports these as types. Offsets and lags are int64 decimal strings.
import type { GroupDescription } from '../groups/types'
import type { GroupVerdict } from './history-types'

export type PartitionLag = {
  topic: string
  partition: number
  /** null: the group never committed on this partition. */
  committedOffset: string | null
  /** High watermark (log-end offset for read_uncommitted). */
  endOffset: string
  /** Low watermark: a committed offset below it means unread records were deleted by retention. */
  startOffset: string
  /** endOffset − committedOffset, floored at 0; null when nothing is committed. */
  lag: string | null
  /** The member consuming the partition now, when the group has one. */
  memberId: string | null
  clientId: string | null
}

export type GroupLagSummary = {
  groupId: string
  totalLag: string
  partitionsWithLag: number
  topics: string[]
}

/** How a partition's lag in time was obtained: read from the first unconsumed record, or not at all. */
export type LagTimeSource = 'record' | 'interpolated' | 'none'

export type PartitionLagWithTime = PartitionLag & {
  /** now − timestamp of the record at the committed offset (the oldest unconsumed record); null when lag is 0 or
   * unknown. */
  lagMs: number | null
  lagMsSource: LagTimeSource
}

export type GroupDetail = {
  group: GroupDescription
  partitions: PartitionLagWithTime[]
  totalLag: string
  maxLagMs: number | null
  fetchedAt: string
  /**
   * What `committedOffset` of the partitions is: a committed offset, or (share groups, KIP-932) the share-partition
   * start offset, before which every record is delivered and acknowledged. Absent means 'committed'.
   */
  offsetKind?: 'committed' | 'share-start'
  /** Burrow-style verdict over the sampler's window plus this reading; null for groups without offsets. */
  verdict: GroupVerdict | null
}
