import type { LagHistory, LagHistoryPoint, LagHistoryRange } from '../history-types'
import { MAX_OUTPUT_POINTS, SPARKLINE_MAX_POINTS } from './limits'
import { RANGE_MS } from './ranges'
import { intString, lagOf, type Snapshot, slotKey, slotOf } from './snapshot'

type Series = Pick<LagHistory, 'points' | 'topics' | 'partitions'>

/** One point per bucket of `bucketMs` (the last snapshot of each), oldest first. */
export function thinToBuckets(snapshots: Snapshot[], bucketMs: number): Snapshot[] {
  const out: Snapshot[] = []
  for (const s of snapshots) {
    const last = out.at(-1)
    if (last && Math.floor(last.t / bucketMs) === Math.floor(s.t / bucketMs)) out[out.length - 1] = s
    else out.push(s)
  }
  return out
}

/** Messages per second between two snapshots from their running sums; null without a previous one. */
export function ratesBetween(
  prev: Snapshot | undefined,
  s: Snapshot,
): { consumedPerSec: number | null; producedPerSec: number | null } {
  const seconds = prev ? (s.t - prev.t) / 1_000 : 0
  if (!prev || seconds <= 0) return { consumedPerSec: null, producedPerSec: null }
  return {
    consumedPerSec: round3((s.consumed - prev.consumed) / seconds),
    producedPerSec: round3((s.produced - prev.produced) / seconds),
  }
}

/**
 * The group's points over `range` ending at `now` (at most maxPoints, thinned evenly), with rates, and the same
 * timestamps per topic (lag summed, oldest-record age maxed) and per partition. Snapshots are oldest first.
 * A partition caught up (lag 0) has lag in time 0, not unknown.
 */
export function buildHistory(
  snapshots: Snapshot[],
  range: LagHistoryRange,
  now: number,
  maxPoints = MAX_OUTPUT_POINTS,
): Series {
  const rangeMs = RANGE_MS[range]
  const from = now - rangeMs
  const first = snapshots.findIndex((s) => s.t >= from)
  if (first < 0) return { points: [], topics: [], partitions: [] }
  const kept = thinToBuckets(snapshots.slice(first), Math.ceil(rangeMs / maxPoints))
  // The snapshot before the window gives the first point its rate.
  const before = snapshots[first - 1]
  const points: LagHistoryPoint[] = kept.map((s, i) => ({
    t: s.t,
    totalLag: intString(s.totalLag),
    maxLagMs: s.maxLagMs ?? (s.totalLag === 0 ? 0 : null),
    ...ratesBetween(i === 0 ? before : kept[i - 1], s),
  }))
  return { points, topics: topicSeries(kept), partitions: partitionSeries(kept) }
}

function topicSeries(kept: Snapshot[]): Series['topics'] {
  const byTopic = new Map<string, { t: number; lag: string; lagMs: number | null }[]>()
  for (const t of [...new Set(kept.flatMap((s) => s.layout.topics))].sort()) byTopic.set(t, [])
  for (const s of kept) {
    const sums = new Map<string, { lag: number; lagMs: number | null }>()
    s.layout.topics.forEach((topic, i) => {
      const sum = sums.get(topic) ?? { lag: 0, lagMs: null }
      const lag = lagOf(s.values[i * 3] ?? Number.NaN, s.values[i * 3 + 1] ?? Number.NaN)
      if (lag !== null) sum.lag += lag
      const ms = ageOf(lag, s.values[i * 3 + 2])
      if (ms !== null && (sum.lagMs === null || ms > sum.lagMs)) sum.lagMs = ms
      sums.set(topic, sum)
    })
    // A topic the group had no partition of at that time: no lag there.
    for (const [topic, points] of byTopic) {
      const sum = sums.get(topic)
      points.push({ t: s.t, lag: intString(sum?.lag ?? 0), lagMs: sum ? sum.lagMs : null })
    }
  }
  return [...byTopic].map(([topic, points]) => ({ topic, points }))
}

function partitionSeries(kept: Snapshot[]): Series['partitions'] {
  const seen = new Map<string, { topic: string; partition: number }>()
  for (const s of kept) {
    s.layout.topics.forEach((topic, i) => {
      const partition = s.layout.partitions[i] ?? -1
      seen.set(slotKey(topic, partition), { topic, partition })
    })
  }
  const all = [...seen.values()].sort((a, b) =>
    a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition,
  )
  return all.map(({ topic, partition }) => ({
    topic,
    partition,
    points: kept.map((s) => {
      const slot = slotOf(s.layout, topic, partition)
      if (slot === undefined) return { t: s.t, lag: null, lagMs: null }
      const lag = lagOf(s.values[slot * 3] ?? Number.NaN, s.values[slot * 3 + 1] ?? Number.NaN)
      return { t: s.t, lag: lag === null ? null : intString(lag), lagMs: ageOf(lag, s.values[slot * 3 + 2]) }
    }),
  }))
}

/** Total lag over the last stretch of snapshots since `since`, thinned to at most maxPoints. */
export function sparklineOf(
  snapshots: Snapshot[],
  since: number,
  now: number,
  maxPoints = SPARKLINE_MAX_POINTS,
): { t: number; totalLag: string }[] {
  const recent = snapshots.filter((s) => s.t >= since)
  const bucketMs = Math.max(1, Math.ceil((now - since) / maxPoints))
  return thinToBuckets(recent, bucketMs).map((s) => ({ t: s.t, totalLag: intString(s.totalLag) }))
}

function ageOf(lag: number | null, lagMs: number | undefined): number | null {
  if (lag === 0) return 0
  return lagMs === undefined || Number.isNaN(lagMs) ? null : lagMs
}

const round3 = (n: number) => Math.round(n * 1_000) / 1_000
