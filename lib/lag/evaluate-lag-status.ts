// Pure: the Burrow-style verdict of a group from a window of lag samples. Unit-tested without Kafka.
import { formatCount, formatDuration } from '@/lib/client/format'
import type { GroupLagSample, GroupVerdict, LagVerdict, PartitionVerdict } from './history-types'

export type LagStatusOptions = {
  /** retention.ms per topic (-1 or absent: unlimited). */
  retentionMsByTopic: Map<string, number>
  /** Fewer samples than this (with lag > 0) cannot be judged: UNKNOWN. */
  minSamples?: number
}

/** Share of retention.ms past which the oldest unconsumed record is about to be deleted unread. */
export const RETENTION_RISK_SHARE = 0.8
const DEFAULT_MIN_SAMPLES = 3

/** Worst first: the group's verdict is the first of these any partition has. */
const SEVERITY: LagVerdict[] = ['RETENTION_RISK', 'STOPPED', 'STALLED', 'WARNING', 'UNKNOWN', 'OK']

type Point = { t: number; committed: bigint | null; end: bigint; lag: bigint | null; lagMs: number | null }

/**
 * Judges each partition over the window (samples ascending by time), Burrow's rules adapted to what OffsetFetch
 * shows (offsets, not commit times):
 * 1. oldest unconsumed record older than 80% of retention.ms → RETENTION_RISK (judged on the newest sample alone);
 * 2. lag 0 in any sample of the window → OK;
 * 3. no members now, lag > 0 → STOPPED (nobody will consume it);
 * 4. members, committed offset unchanged through the window, lag > 0 → STALLED;
 * 5. committed offset moving but lag grown over the window, shrinking in at most a quarter of its intervals → WARNING;
 * 6. otherwise OK. Too few samples with lag > 0 → UNKNOWN.
 */
export function evaluateLagStatus(window: GroupLagSample[], options: LagStatusOptions): GroupVerdict {
  const samples = [...window].sort((a, b) => a.t - b.t)
  const last = samples.at(-1)
  const windowMs = samples.length > 1 ? (last?.t ?? 0) - (samples[0]?.t ?? 0) : 0
  if (!last) return { verdict: 'UNKNOWN', reason: 'No samples yet.', partitions: [], windowSamples: 0, windowMs: 0 }
  const series = new Map<string, { topic: string; partition: number; points: Point[] }>()
  for (const s of samples) {
    for (const p of s.partitions) {
      const key = `${p.topic}\u0000${p.partition}`
      const entry = series.get(key) ?? { topic: p.topic, partition: p.partition, points: [] }
      const committed = p.committed === null ? null : BigInt(p.committed)
      const end = BigInt(p.end)
      const lag = committed === null ? null : end > committed ? end - committed : 0n
      entry.points.push({ t: s.t, committed, end, lag, lagMs: p.lagMs })
      series.set(key, entry)
    }
  }
  const partitions: PartitionVerdict[] = []
  for (const { topic, partition, points } of series.values()) {
    // Only partitions present in the newest sample are judged: the others were deleted or left the group.
    if (points.at(-1)?.t !== last.t) continue
    partitions.push(judgePartition(topic, partition, points, last.members, options))
  }
  partitions.sort(
    (a, b) =>
      SEVERITY.indexOf(a.verdict) - SEVERITY.indexOf(b.verdict) ||
      a.topic.localeCompare(b.topic) ||
      a.partition - b.partition,
  )
  const worst = partitions[0]
  if (!worst) {
    return {
      verdict: 'OK',
      reason: 'No committed offsets to judge.',
      partitions,
      windowSamples: samples.length,
      windowMs,
    }
  }
  const same = partitions.filter((p) => p.verdict === worst.verdict).length
  const reason =
    worst.verdict === 'OK'
      ? `All ${partitions.length} partition(s) caught up or keeping pace over ${samples.length} samples (${formatDuration(wholeSeconds(windowMs))}).`
      : same > 1
        ? `${worst.reason} (and ${same - 1} more partition(s) ${worst.verdict})`
        : worst.reason
  return { verdict: worst.verdict, reason, partitions, windowSamples: samples.length, windowMs }
}

function judgePartition(
  topic: string,
  partition: number,
  points: Point[],
  members: number,
  options: LagStatusOptions,
): PartitionVerdict {
  const newest = points.at(-1) as Point
  const name = `${topic} partition ${partition}`
  const committedSince = committedSinceOf(points)
  const verdict = (v: LagVerdict, reason: string): PartitionVerdict => ({
    topic,
    partition,
    verdict: v,
    reason,
    committedSince,
  })
  if (newest.committed === null) return verdict('OK', `${name}: nothing committed.`)
  const retention = options.retentionMsByTopic.get(topic)
  if (
    retention !== undefined &&
    retention > 0 &&
    newest.lagMs !== null &&
    newest.lagMs >= RETENTION_RISK_SHARE * retention
  ) {
    const left = Math.max(0, retention - newest.lagMs)
    return verdict(
      'RETENTION_RISK',
      `${name}: oldest unconsumed record is ${formatDuration(wholeSeconds(newest.lagMs))} old, ${Math.round((newest.lagMs / retention) * 100)}% of retention.ms (${formatDuration(retention)}); unread records are deleted in about ${formatDuration(wholeSeconds(left))}.`,
    )
  }
  const judged = points.filter((p) => p.lag !== null)
  if (judged.some((p) => p.lag === 0n)) return verdict('OK', `${name}: caught up within the window.`)
  const lag = newest.lag ?? 0n
  const first = judged[0] as Point
  const growth = lag - (first.lag ?? 0n)
  const span = newest.t - first.t
  const unchanged = judged.every((p) => p.committed === newest.committed)
  if (members === 0) {
    const since = unchanged ? ` offset unchanged for at least ${formatDuration(wholeSeconds(span))};` : ''
    return verdict(
      'STOPPED',
      `${name}: the group has no members;${since} lag ${formatCount(lag)} and nobody consumes it.`,
    )
  }
  if (judged.length < (options.minSamples ?? DEFAULT_MIN_SAMPLES)) {
    return verdict('UNKNOWN', `${name}: lag ${formatCount(lag)}; ${judged.length} sample(s) so far, too few to judge.`)
  }
  if (unchanged) {
    const grew = growth > 0n ? `while lag grew ${formatCount(growth)}` : `with lag ${formatCount(lag)}`
    return verdict(
      'STALLED',
      `${name}: offset unchanged for ${formatDuration(wholeSeconds(span))} ${grew}, although the group has ${members} member(s).`,
    )
  }
  // Burrow calls a consumer whose lag never shrinks WARNING; sampled offsets are noisier than Burrow's per-commit
  // evaluation (a commit landing just after a sample), so one shrinking interval in four is tolerated.
  const intervals = judged.length - 1
  const shrinking = judged.filter((p, i) => i > 0 && (p.lag ?? 0n) < (judged[i - 1]?.lag ?? 0n)).length
  const growing = growth > 0n && shrinking <= Math.floor(intervals / 4)
  if (growing) {
    const seconds = span / 1000
    const consumed = Number((newest.committed ?? 0n) - (first.committed ?? 0n)) / seconds
    const produced = Number(newest.end - first.end) / seconds
    return verdict(
      'WARNING',
      `${name}: lag keeps growing, ${shrinking === 0 ? 'never shrinking' : `shrinking in only ${shrinking}`} in ${intervals} intervals, from ${formatCount(first.lag)} to ${formatCount(lag)} over ${formatDuration(wholeSeconds(span))} (consuming ${rate(consumed)}, producers writing ${rate(produced)}).`,
    )
  }
  return verdict('OK', `${name}: consuming, lag ${formatCount(lag)} not growing steadily.`)
}

/** When the committed offset took its current value, as far as the window shows. */
function committedSinceOf(points: Point[]): number | null {
  const current = points.at(-1)?.committed ?? null
  if (current === null) return null
  let since = points.at(-1)?.t ?? null
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i] as Point
    if (p.committed !== current) break
    since = p.t
  }
  return since
}

/** Spans read in whole seconds: "32 s", not "32 s 638 ms". */
function wholeSeconds(ms: number): number {
  return ms >= 1_000 ? Math.round(ms / 1_000) * 1_000 : ms
}

function rate(perSecond: number): string {
  if (!Number.isFinite(perSecond)) return '—'
  return `${perSecond >= 10 ? Math.round(perSecond) : perSecond.toFixed(1)} msg/s`
}
