import type { GroupLagSample, PartitionSample } from '../history-types'

// One sample as kept in memory: numbers instead of strings, the partition list shared between consecutive samples.
// Offsets are held as doubles, exact up to 2^53 (≈ 9·10^15), far beyond any real offset.

/** The (topic, partition) slots of a snapshot's `values`; consecutive snapshots of a group share one object. */
export type Layout = {
  key: string
  topics: string[]
  partitions: number[]
  /** Slot by `topic\0partition`, built on first use. */
  index?: Map<string, number>
}

export type Snapshot = {
  t: number
  state: string
  members: number
  /** Σ lag over every partition of the sample (also those beyond the layout cap). */
  totalLag: number
  maxLagMs: number | null
  /**
   * Messages consumed and produced since the group was first seen: running sums of each partition's committed and
   * end offset deltas. Rates between any two kept snapshots are their difference over the time between them, however
   * many snapshots were thinned out in between. A negative delta (offset reset, topic recreated) counts as 0.
   */
  consumed: number
  produced: number
  layout: Layout
  /** committed, end and lagMs per layout slot; NaN stands for null. */
  values: number[]
}

export const slotKey = (topic: string, partition: number) => `${topic}\u0000${partition}`

export function slotOf(layout: Layout, topic: string, partition: number): number | undefined {
  layout.index ??= new Map(layout.topics.map((t, i) => [slotKey(t, layout.partitions[i] ?? -1), i]))
  return layout.index.get(slotKey(topic, partition))
}

/** Rough heap cost of a snapshot, for the memory budget: the object plus three doubles per slot. */
export function snapshotBytes(s: Snapshot): number {
  return 96 + 24 * s.layout.topics.length
}

const num = (s: string | null): number => (s === null ? Number.NaN : Number(s))

/** Lag of one partition from its committed and end offsets, floored at 0; null when nothing is committed. */
export function lagOf(committed: number, end: number): number | null {
  return Number.isNaN(committed) || Number.isNaN(end) ? null : Math.max(0, end - committed)
}

/** The snapshot of `sample`, continuing the running sums of `prev` (the group's previous snapshot). */
export function toSnapshot(sample: GroupLagSample, prev: Snapshot | undefined, maxPartitions: number): Snapshot {
  let totalLag = 0
  let maxLagMs: number | null = null
  for (const p of sample.partitions) {
    const lag = lagOf(num(p.committed), num(p.end))
    if (lag !== null) totalLag += lag
    if (p.lagMs !== null && (maxLagMs === null || p.lagMs > maxLagMs)) maxLagMs = p.lagMs
  }
  const kept = [...sample.partitions]
    .sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition))
    .slice(0, maxPartitions)
  const layout = layoutOf(kept, prev?.layout)
  const values = new Array<number>(kept.length * 3)
  let consumed = prev?.consumed ?? 0
  let produced = prev?.produced ?? 0
  kept.forEach((p, i) => {
    const committed = num(p.committed)
    const end = num(p.end)
    values[i * 3] = committed
    values[i * 3 + 1] = end
    values[i * 3 + 2] = p.lagMs ?? Number.NaN
    if (!prev) return
    const slot = slotOf(prev.layout, p.topic, p.partition)
    if (slot === undefined) return
    const before = prev.values[slot * 3] ?? Number.NaN
    const endBefore = prev.values[slot * 3 + 1] ?? Number.NaN
    if (committed > before) consumed += committed - before
    if (end > endBefore) produced += end - endBefore
  })
  return {
    t: sample.t,
    state: sample.state,
    members: sample.members,
    totalLag,
    maxLagMs,
    consumed,
    produced,
    layout,
    values,
  }
}

function layoutOf(partitions: PartitionSample[], prev: Layout | undefined): Layout {
  const key = partitions.map((p) => slotKey(p.topic, p.partition)).join('\u0001')
  if (prev && prev.key === key) return prev
  return { key, topics: partitions.map((p) => p.topic), partitions: partitions.map((p) => p.partition) }
}

/** Decimal string of an integer-valued double (String() would switch to exponent notation past 10^21). */
export function intString(n: number): string {
  return Number.isSafeInteger(n) ? String(n) : BigInt(Math.round(n)).toString()
}

/** The sample back, as the verdict reads it (partitions beyond the layout cap are not in it). */
export function toSample(groupId: string, s: Snapshot): GroupLagSample {
  return {
    t: s.t,
    groupId,
    state: s.state,
    members: s.members,
    partitions: s.layout.topics.map((topic, i) => {
      const committed = s.values[i * 3] ?? Number.NaN
      const lagMs = s.values[i * 3 + 2] ?? Number.NaN
      return {
        topic,
        partition: s.layout.partitions[i] ?? -1,
        committed: Number.isNaN(committed) ? null : intString(committed),
        end: intString(s.values[i * 3 + 1] ?? 0),
        lagMs: Number.isNaN(lagMs) ? null : lagMs,
      }
    }),
  }
}
