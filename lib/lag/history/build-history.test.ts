import { describe, expect, it } from 'vitest'
import { buildHistory, ratesBetween, sparklineOf, thinToBuckets } from './build-history'
import { type Snapshot, toSnapshot } from './snapshot'
import { sampleOf } from './test-samples'

const MIN = 60_000

function snapshotsOf(samples: ReturnType<typeof sampleOf>[]): Snapshot[] {
  const out: Snapshot[] = []
  for (const s of samples) out.push(toSnapshot(s, out.at(-1), 100))
  return out
}

describe('rates', () => {
  it('are the committed and end offset deltas per second', () => {
    const [a, b] = snapshotsOf([
      sampleOf(0, [
        ['t', 0, 100, 150, null],
        ['t', 1, 10, 10, null],
      ]),
      sampleOf(10_000, [
        ['t', 0, 130, 200, 500],
        ['t', 1, 20, 40, 100],
      ]),
    ])
    expect(ratesBetween(undefined, a as Snapshot)).toEqual({ consumedPerSec: null, producedPerSec: null })
    expect(ratesBetween(a, b as Snapshot)).toEqual({ consumedPerSec: 4, producedPerSec: 8 })
  })

  it('ignore offsets moving backwards and partitions appearing', () => {
    const [a, b] = snapshotsOf([
      sampleOf(0, [['t', 0, 100, 150, null]]),
      sampleOf(1_000, [
        ['t', 0, 50, 160, null],
        ['u', 0, 1_000_000, 1_000_000, null],
      ]),
    ])
    expect(ratesBetween(a, b as Snapshot)).toEqual({ consumedPerSec: 0, producedPerSec: 10 })
  })

  it('stay exact across thinned-out points (running sums)', () => {
    const all = snapshotsOf(Array.from({ length: 11 }, (_, i) => sampleOf(i * 1_000, [['t', 0, i * 3, i * 5, null]])))
    const kept = thinToBuckets(all, 5_000)
    expect(kept.map((s) => s.t)).toEqual([4_000, 9_000, 10_000])
    expect(ratesBetween(kept[0], kept[1] as Snapshot)).toEqual({ consumedPerSec: 3, producedPerSec: 5 })
  })
})

describe('buildHistory', () => {
  const now = 60 * MIN
  const samples = Array.from({ length: 121 }, (_, i) =>
    sampleOf(i * 30_000, [
      ['a', 0, i * 10, i * 10 + 7, 2_000],
      ['a', 1, null, 4, null],
      ['b', 0, i, i, null],
    ]),
  )
  const snapshots = snapshotsOf(samples)

  it('gives the points of the range with totals, ages and rates', () => {
    const h = buildHistory(snapshots, '15m', now)
    expect(h.points).toHaveLength(31) // 45 min … 60 min every 30 s
    expect(h.points[0]).toEqual({
      t: 45 * MIN,
      totalLag: '7',
      maxLagMs: 2_000,
      consumedPerSec: 0.367,
      producedPerSec: 0.367,
    })
    // The point before the window gave the first one its rate: (10 + 1) messages in 30 s.
    expect(h.points.at(-1)?.t).toBe(60 * MIN)
  })

  it('gives per-topic and per-partition series on the same timestamps', () => {
    const h = buildHistory(snapshots, '15m', now)
    expect(h.topics.map((t) => t.topic)).toEqual(['a', 'b'])
    expect(h.topics[0]?.points[0]).toEqual({ t: 45 * MIN, lag: '7', lagMs: 2_000 })
    // Caught up: lag in time 0, not unknown.
    expect(h.topics[1]?.points[0]).toEqual({ t: 45 * MIN, lag: '0', lagMs: 0 })
    expect(h.partitions.map((p) => `${p.topic}-${p.partition}`)).toEqual(['a-0', 'a-1', 'b-0'])
    expect(h.partitions[1]?.points[0]).toEqual({ t: 45 * MIN, lag: null, lagMs: null })
    for (const series of [...h.topics, ...h.partitions]) {
      expect(series.points.map((p) => p.t)).toEqual(h.points.map((p) => p.t))
    }
  })

  it('thins long ranges to at most maxPoints', () => {
    const h = buildHistory(snapshots, '1h', now, 30)
    expect(h.points.length).toBeLessThanOrEqual(31)
    expect(h.points.at(-1)?.t).toBe(60 * MIN)
    expect(h.points[1]?.consumedPerSec).toBeCloseTo(11 / 30, 3)
  })

  it('is empty for no snapshots or none in the range', () => {
    expect(buildHistory([], '1h', now)).toEqual({ points: [], topics: [], partitions: [] })
    expect(buildHistory(snapshots, '15m', now + 24 * 60 * MIN).points).toEqual([])
  })

  it('makes sparklines of the total lag since a time', () => {
    const line = sparklineOf(
      snapshots.filter((s) => s.t >= 30 * MIN),
      30 * MIN,
      now,
      10,
    )
    expect(line.length).toBeLessThanOrEqual(11)
    expect(line.at(-1)).toEqual({ t: 60 * MIN, totalLag: '7' })
  })
})
