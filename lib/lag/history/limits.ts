// How much lag history one console instance keeps in memory, per cluster. Samples older than the raw window are
// thinned to one per bucket (the last sample of each bucket, so offsets stay real values and rates stay exact), and
// a byte budget drops the oldest points of every group first when a large cluster would exceed it.

export type HistoryTier = {
  /** Points up to this age (from the newest sample) keep one per bucket… */
  upToMs: number
  bucketMs: number
}

export type HistoryLimits = {
  /** Every sample of the last rawWindowMs is kept, at most rawMaxPoints per group (a 1 s interval fills it sooner). */
  rawWindowMs: number
  rawMaxPoints: number
  /** Coarser and coarser beyond the raw window, finest first; the last tier ends at the retention. */
  tiers: HistoryTier[]
  /** Groups kept per cluster; a new group beyond it replaces one not sampled for 10 min, or is not kept. */
  maxGroups: number
  /** Partitions per group with their own series (by topic, partition); the group's totals count them all. */
  maxPartitionsPerGroup: number
  /** Estimated bytes per cluster (see snapshotBytes); over it the oldest points of every group go first. */
  memoryBudgetBytes: number
}

export const HISTORY_LIMITS: HistoryLimits = {
  rawWindowMs: 6 * 3_600_000,
  rawMaxPoints: 720,
  tiers: [
    { upToMs: 24 * 3_600_000, bucketMs: 5 * 60_000 },
    { upToMs: Number.POSITIVE_INFINITY, bucketMs: 30 * 60_000 },
  ],
  maxGroups: 2_000,
  maxPartitionsPerGroup: 1_000,
  memoryBudgetBytes: 64 * 1024 * 1024,
}

/** Points a history answer holds at most, whatever the range: more than a chart can show is wasted bandwidth. */
export const MAX_OUTPUT_POINTS = 360
/** Points per group in the groups list's sparklines. */
export const SPARKLINE_MAX_POINTS = 60
