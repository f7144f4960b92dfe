import { describe, expect, it } from 'vitest'
import type { HistoryLimits } from './limits'
import { toSnapshot } from './snapshot'
import { sampleOf } from './test-samples'
import { TieredSeries } from './tiered-series'

const MIN = 60_000
const HOUR = 60 * MIN
const limits: HistoryLimits = {
  rawWindowMs: HOUR,
  rawMaxPoints: 1_000,
  tiers: [
    { upToMs: 6 * HOUR, bucketMs: 5 * MIN },
    { upToMs: Number.POSITIVE_INFINITY, bucketMs: 30 * MIN },
  ],
  maxGroups: 10,
  maxPartitionsPerGroup: 10,
  memoryBudgetBytes: Number.POSITIVE_INFINITY,
}

function fill(series: TieredSeries, from: number, to: number, every: number) {
  for (let t = from; t <= to; t += every) {
    series.push(toSnapshot(sampleOf(t, [['a', 0, t / 1000, t / 1000 + 5, null]]), series.latest(), 10))
  }
}

describe('TieredSeries', () => {
  it('keeps every sample of the raw window and one per bucket (the last) beyond it', () => {
    const series = new TieredSeries(limits, 24 * HOUR)
    fill(series, 0, 3 * HOUR, 30_000)
    const all = series.all()
    const raw = all.filter((s) => s.t >= 2 * HOUR)
    const older = all.filter((s) => s.t < 2 * HOUR)
    expect(raw).toHaveLength(121) // 2 h … 3 h every 30 s
    expect(older).toHaveLength(24) // 0 … 2 h in 5-min buckets
    // The last sample of each bucket is kept, so the bucket point is a real sample.
    expect(older.slice(0, 2).map((s) => s.t)).toEqual([5 * MIN - 30_000, 10 * MIN - 30_000])
    expect(all.map((s) => s.t)).toEqual([...all.map((s) => s.t)].sort((a, b) => a - b))
  })

  it('moves points to the coarsest tier and drops them past the retention', () => {
    const series = new TieredSeries(limits, 12 * HOUR)
    fill(series, 0, 20 * HOUR, MIN)
    const all = series.all()
    expect(all[0]?.t).toBeGreaterThanOrEqual(8 * HOUR)
    const coarse = all.filter((s) => s.t < 14 * HOUR)
    // 30-min buckets between 8 h and 14 h: at most 12 points, one per bucket.
    expect(coarse.length).toBeLessThanOrEqual(13)
    expect(new Set(coarse.map((s) => Math.floor(s.t / (30 * MIN)))).size).toBe(coarse.length)
    expect(series.size).toBeLessThan(60 + 60 + 13 + 2)
  })

  it('caps the raw tier by count as well (short intervals)', () => {
    const series = new TieredSeries({ ...limits, rawMaxPoints: 50 }, 24 * HOUR)
    fill(series, 0, 30 * MIN, 1_000)
    expect(series.all().filter((s) => s.t > 30 * MIN - 50_000)).toHaveLength(50)
    expect(series.size).toBeLessThan(60)
  })

  it('refuses samples not newer than the latest (replays, a second sampler)', () => {
    const series = new TieredSeries(limits, 24 * HOUR)
    fill(series, 0, 10 * MIN, MIN)
    const before = series.size
    expect(series.push(toSnapshot(sampleOf(5 * MIN, []), series.latest(), 10))).toBe(false)
    expect(series.push(toSnapshot(sampleOf(10 * MIN, []), series.latest(), 10))).toBe(false)
    expect(series.size).toBe(before)
  })

  it('tracks its estimated bytes through moves, replacements and drops', () => {
    const series = new TieredSeries(limits, 12 * HOUR)
    fill(series, 0, 20 * HOUR, MIN)
    const expected = series.all().reduce((n, s) => n + 96 + 24 * s.layout.topics.length, 0)
    expect(series.bytes).toBe(expected)
    series.dropBefore(19 * HOUR)
    expect(series.bytes).toBe(series.all().reduce((n, s) => n + 96 + 24 * s.layout.topics.length, 0))
  })

  it('returns the newest points cheaply', () => {
    const series = new TieredSeries(limits, 24 * HOUR)
    fill(series, 0, 3 * HOUR, 30_000)
    expect(series.last(3).map((s) => s.t)).toEqual([3 * HOUR - MIN, 3 * HOUR - 30_000, 3 * HOUR])
    expect(series.since(3 * HOUR - MIN).map((s) => s.t)).toEqual([3 * HOUR - MIN, 3 * HOUR - 30_000, 3 * HOUR])
    expect(series.since(0)).toEqual(series.all())
  })
})
