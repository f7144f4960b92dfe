// No runtime imports: the browser imports these as types. Offsets and lags are int64 decimal strings.

/**
 * Burrow-style health of a partition or group. OK: caught up, or lag not growing. WARNING: lag grew through the
 * whole window. STALLED: committed offset not moving while lag > 0 and the group has members. STOPPED: no members /
 * no commits for longer than the window while lag > 0. RETENTION_RISK: the oldest unconsumed record is older than
 * 80% of the topic's retention.ms (data loss imminent). UNKNOWN: not enough samples yet.
 */
export type LagVerdict = 'OK' | 'WARNING' | 'STALLED' | 'STOPPED' | 'RETENTION_RISK' | 'UNKNOWN'

export type PartitionVerdict = {
  topic: string
  partition: number
  verdict: LagVerdict
  reason: string
  /** Epoch ms of the earliest sample at which the committed offset had its current value (a lower bound when it
   * did not move in the whole window); null when nothing is committed. */
  committedSince: number | null
}

export type GroupVerdict = {
  /** The worst partition's verdict. */
  verdict: LagVerdict
  /** Why, in words, e.g. "partition 3 offset unchanged for 14 min while lag grew 4,210". */
  reason: string
  partitions: PartitionVerdict[]
  /** How many samples the window held, and the time it spans. */
  windowSamples: number
  windowMs: number
}

/** One partition in one sample. */
export type PartitionSample = {
  topic: string
  partition: number
  /** null: nothing committed. */
  committed: string | null
  /** High watermark at sampling time. */
  end: string
  /** Age of the oldest unconsumed record, when read. */
  lagMs: number | null
}

/** One sampler tick for one group: one record in the samples topic (key = group id). */
export type GroupLagSample = {
  /** Epoch ms of the sample. */
  t: number
  groupId: string
  state: string
  members: number
  partitions: PartitionSample[]
}

export type LagHistoryRange = '15m' | '1h' | '6h' | '24h' | '7d'

export type LagHistoryPoint = {
  t: number
  totalLag: string
  maxLagMs: number | null
  /** Messages per second the group consumed (committed offset delta) and producers wrote (end offset delta) since
   * the previous point; null for the first point. */
  consumedPerSec: number | null
  producedPerSec: number | null
}

export type SamplerStatus = {
  enabled: boolean
  /** leader: this instance samples; follower: another instance does; unavailable: cannot (see lastError). */
  role: 'leader' | 'follower' | 'disabled' | 'unavailable' | 'starting'
  intervalMs: number
  lastSampleAt: number | null
  lastSampleDurationMs: number | null
  lastError: string | null
  /** Where samples are kept; ok false with the reason when the topic cannot be created or read. */
  persistence: { ok: boolean; topic: string; reason?: string }
}

export type LagHistory = {
  groupId: string
  range: LagHistoryRange
  points: LagHistoryPoint[]
  /** Per topic and per partition: lag in messages and in time over the same timestamps as `points`. */
  topics: { topic: string; points: { t: number; lag: string; lagMs: number | null }[] }[]
  partitions: { topic: string; partition: number; points: { t: number; lag: string | null; lagMs: number | null }[] }[]
  sampler: SamplerStatus
}
