import type { HistoryLimits } from './limits'
import { type Snapshot, snapshotBytes } from './snapshot'

/**
 * One group's snapshots, oldest first, in tiers: every sample of the raw window, then one per bucket of each coarser
 * tier (the last sample of the bucket), nothing older than the retention. Points move down a tier as the newest
 * sample advances, so the work per new sample is constant and memory is bounded per group.
 */
export class TieredSeries {
  private readonly raw: Snapshot[] = []
  /** Coarsest last, like limits.tiers. */
  private readonly tiers: Snapshot[][]
  bytes = 0

  constructor(
    private readonly limits: HistoryLimits,
    private readonly retentionMs: number,
  ) {
    this.tiers = limits.tiers.map(() => [])
  }

  latest(): Snapshot | undefined {
    return this.raw.at(-1) ?? this.tiers.find((tier) => tier.length > 0)?.at(-1)
  }

  oldest(): Snapshot | undefined {
    for (let i = this.tiers.length - 1; i >= 0; i--) {
      const first = this.tiers[i]?.[0]
      if (first) return first
    }
    return this.raw[0]
  }

  get size(): number {
    return this.raw.length + this.tiers.reduce((n, tier) => n + tier.length, 0)
  }

  /** Every snapshot, oldest first. */
  all(): Snapshot[] {
    return [...this.tiers.toReversed().flat(), ...this.raw]
  }

  /** Snapshots at or after `t`, oldest first (walks back from the newest: cheap for recent ones). */
  since(t: number): Snapshot[] {
    const out: Snapshot[] = []
    for (const list of [this.raw, ...this.tiers]) {
      for (let i = list.length - 1; i >= 0; i--) {
        const s = list[i] as Snapshot
        if (s.t < t) return out.reverse()
        out.push(s)
      }
    }
    return out.reverse()
  }

  /** The newest `count` snapshots, oldest first. */
  last(count: number): Snapshot[] {
    if (count <= 0) return []
    if (count <= this.raw.length) return this.raw.slice(-count)
    return this.all().slice(-count)
  }

  /**
   * Appends a snapshot newer than the latest one (older or equal ones are refused: a replayed record, or a second
   * sampler during a leader change) and moves older points down the tiers.
   */
  push(s: Snapshot): boolean {
    const latest = this.latest()
    if (latest && s.t <= latest.t) return false
    this.raw.push(s)
    this.bytes += snapshotBytes(s)
    this.age(s.t)
    return true
  }

  /** Drops every point older than `t`; returns the bytes freed. */
  dropBefore(t: number): number {
    const before = this.bytes
    for (const list of [...this.tiers, this.raw]) {
      let n = 0
      while (n < list.length && (list[n]?.t ?? t) < t) n++
      for (const s of list.splice(0, n)) this.bytes -= snapshotBytes(s)
    }
    return before - this.bytes
  }

  /** Re-tiers against `now` (the newest sample time of the cluster) and drops what is past the retention. */
  age(now: number): void {
    const { rawWindowMs, rawMaxPoints, tiers } = this.limits
    while (this.raw.length > 0 && ((this.raw[0]?.t ?? now) < now - rawWindowMs || this.raw.length > rawMaxPoints)) {
      this.moveInto(0, this.raw.shift() as Snapshot)
    }
    tiers.forEach((tier, i) => {
      const list = this.tiers[i] as Snapshot[]
      const limit = now - Math.min(tier.upToMs, this.retentionMs)
      while (list.length > 0 && (list[0]?.t ?? now) < limit) {
        const s = list.shift() as Snapshot
        if (i + 1 < tiers.length) this.moveInto(i + 1, s)
        else this.bytes -= snapshotBytes(s)
      }
    })
    // Beyond the retention whatever the tiers say (a retention shorter than a tier's reach).
    this.dropBefore(now - this.retentionMs)
  }

  /** Puts `s` (already counted in bytes) into tier i, replacing that tier's newest point of the same bucket. */
  private moveInto(i: number, s: Snapshot): void {
    const list = this.tiers[i] as Snapshot[]
    const bucketMs = this.limits.tiers[i]?.bucketMs ?? 1
    const last = list.at(-1)
    if (last && Math.floor(last.t / bucketMs) === Math.floor(s.t / bucketMs)) {
      list[list.length - 1] = s
      this.bytes -= snapshotBytes(last)
    } else {
      list.push(s)
    }
  }
}
