import type { GroupLagSample } from '../history-types'

/** A sample of group `g` at `t` with [topic, partition, committed, end, lagMs] partitions (tests only). */
export function sampleOf(
  t: number,
  partitions: [string, number, number | null, number, number | null][],
  groupId = 'g',
): GroupLagSample {
  return {
    t,
    groupId,
    state: 'Stable',
    members: 1,
    partitions: partitions.map(([topic, partition, committed, end, lagMs]) => ({
      topic,
      partition,
      committed: committed === null ? null : String(committed),
      end: String(end),
      lagMs,
    })),
  }
}
