import type { GroupLagSample } from '../history-types'
import { HISTORY_LIMITS, type HistoryLimits } from './limits'
import { type Snapshot, toSnapshot } from './snapshot'
import { TieredSeries } from './tiered-series'

// A group not sampled for this long may give its place to a new one when the group cap is reached.
const STALE_GROUP_MS = 10 * 60_000
// Groups that stopped being sampled (deleted) are swept this often (in sample time).
const SWEEP_EVERY_MS = 60_000

/**
 * The lag history of one cluster's groups, in memory and bounded: tiers per group (see TieredSeries), a cap on groups
 * and on partitions per group, and a byte budget for the whole cluster. Plain data, no Kafka: fed by the history feed.
 */
export class HistoryStore {
  private readonly groups = new Map<string, TieredSeries>()
  private bytes = 0
  private lastSweep = 0
  /** Time of the newest sample ingested, or null before the first. */
  newestT: number | null = null
  /** Samples not kept because of the group cap (the operator is told through the sampler status). */
  refusedGroups = 0

  constructor(
    private readonly retentionMs: number,
    private readonly limits: HistoryLimits = HISTORY_LIMITS,
  ) {}

  get groupCount(): number {
    return this.groups.size
  }

  get estimatedBytes(): number {
    return this.bytes
  }

  /** Adds one sample; false when refused (older than the group's latest, or no room for a new group). */
  ingest(sample: GroupLagSample): boolean {
    let series = this.groups.get(sample.groupId)
    if (!series) {
      if (this.groups.size >= this.limits.maxGroups && !this.evictStaleGroup(sample.t)) {
        this.refusedGroups++
        return false
      }
      series = new TieredSeries(this.limits, this.retentionMs)
      this.groups.set(sample.groupId, series)
    }
    const before = series.bytes
    const added = series.push(toSnapshot(sample, series.latest(), this.limits.maxPartitionsPerGroup))
    this.bytes += series.bytes - before
    if (!added) return false
    if (this.newestT === null || sample.t > this.newestT) this.newestT = sample.t
    if (this.newestT - this.lastSweep >= SWEEP_EVERY_MS) this.sweep(this.newestT)
    if (this.bytes > this.limits.memoryBudgetBytes) this.shed()
    return true
  }

  /** The group's snapshots, oldest first; empty for a group never sampled. */
  snapshots(groupId: string): Snapshot[] {
    return this.groups.get(groupId)?.all() ?? []
  }

  /** The group's snapshots at or after `t`, oldest first. */
  snapshotsSince(groupId: string, t: number): Snapshot[] {
    return this.groups.get(groupId)?.since(t) ?? []
  }

  /** The group's newest `count` snapshots, oldest first. */
  lastSnapshots(groupId: string, count: number): Snapshot[] {
    return this.groups.get(groupId)?.last(count) ?? []
  }

  groupIds(): string[] {
    return [...this.groups.keys()]
  }

  /** Ages every group against `now`, so groups no longer sampled lose their points past the retention too. */
  private sweep(now: number): void {
    this.lastSweep = now
    for (const [groupId, series] of this.groups) {
      const before = series.bytes
      series.age(now)
      this.bytes += series.bytes - before
      if (series.size === 0) this.groups.delete(groupId)
    }
  }

  /** Over budget: drop the oldest points of every group, one coarsest bucket at a time, until it fits. */
  private shed(): void {
    const step = this.limits.tiers.at(-1)?.bucketMs ?? 60_000
    while (this.bytes > this.limits.memoryBudgetBytes && this.groups.size > 0) {
      let oldest = Number.POSITIVE_INFINITY
      for (const series of this.groups.values()) oldest = Math.min(oldest, series.oldest()?.t ?? oldest)
      const horizon = oldest + step
      for (const [groupId, series] of this.groups) {
        this.bytes -= series.dropBefore(horizon)
        if (series.size === 0) this.groups.delete(groupId)
      }
    }
  }

  private evictStaleGroup(now: number): boolean {
    let stalest: [string, number] | null = null
    for (const [groupId, series] of this.groups) {
      const t = series.latest()?.t ?? Number.NEGATIVE_INFINITY
      if (stalest === null || t < stalest[1]) stalest = [groupId, t]
    }
    if (!stalest || stalest[1] > now - STALE_GROUP_MS) return false
    this.bytes -= this.groups.get(stalest[0])?.bytes ?? 0
    this.groups.delete(stalest[0])
    return true
  }
}
