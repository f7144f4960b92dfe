import type { GroupLagSample } from './history-types'
import type { PartitionLagWithTime } from './types'

/** The lag sample of one group at time `t`, as the sampler stores it and the verdict judges it. */
export function sampleOf(
  t: number,
  group: { groupId: string; state: string; members: number },
  partitions: readonly PartitionLagWithTime[],
): GroupLagSample {
  return {
    t,
    groupId: group.groupId,
    state: group.state,
    members: group.members,
    partitions: partitions.map((p) => ({
      topic: p.topic,
      partition: p.partition,
      committed: p.committedOffset,
      end: p.endOffset,
      lagMs: p.lagMs,
    })),
  }
}
