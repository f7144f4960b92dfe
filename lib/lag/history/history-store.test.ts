import { describe, expect, it } from 'vitest'
import { HistoryStore } from './history-store'
import { HISTORY_LIMITS, type HistoryLimits } from './limits'
import { sampleOf } from './test-samples'

const MIN = 60_000
const DAY = 24 * 60 * MIN

describe('HistoryStore', () => {
  it('keeps a group never sampled empty, without error', () => {
    const store = new HistoryStore(7 * DAY)
    expect(store.snapshots('nope')).toEqual([])
    expect(store.lastSnapshots('nope', 5)).toEqual([])
  })

  it('stays under its byte budget by dropping the oldest points of every group', () => {
    const limits: HistoryLimits = { ...HISTORY_LIMITS, memoryBudgetBytes: 200_000 }
    const store = new HistoryStore(7 * DAY, limits)
    const partitions = Array.from(
      { length: 20 },
      (_, p) => ['t', p, 0, 10, 1_000] as [string, number, number, number, number],
    )
    for (let t = 0; t < 2 * DAY; t += 30_000) {
      for (let g = 0; g < 5; g++) store.ingest(sampleOf(t, partitions, `g${g}`))
      expect(store.estimatedBytes).toBeLessThanOrEqual(200_000)
    }
    // Newest points survive; the oldest went first.
    for (let g = 0; g < 5; g++) expect(store.snapshots(`g${g}`).at(-1)?.t).toBe(2 * DAY - 30_000)
    expect(store.snapshots('g0')[0]?.t).toBeGreaterThan(0)
  })

  it('caps the groups, giving the place of a group no longer sampled to a new one', () => {
    const store = new HistoryStore(7 * DAY, { ...HISTORY_LIMITS, maxGroups: 2 })
    expect(store.ingest(sampleOf(0, [], 'a'))).toBe(true)
    expect(store.ingest(sampleOf(0, [], 'b'))).toBe(true)
    expect(store.ingest(sampleOf(MIN, [], 'c'))).toBe(false)
    expect(store.refusedGroups).toBe(1)
    store.ingest(sampleOf(20 * MIN, [], 'b'))
    // "a" was last sampled 20 min ago: stale, so "c" takes its place.
    expect(store.ingest(sampleOf(20 * MIN, [], 'c'))).toBe(true)
    expect(store.groupIds().sort()).toEqual(['b', 'c'])
  })

  it('caps the partitions per group, keeping the totals of all of them', () => {
    const store = new HistoryStore(7 * DAY, { ...HISTORY_LIMITS, maxPartitionsPerGroup: 2 })
    store.ingest(
      sampleOf(0, [
        ['t', 2, 0, 5, null],
        ['t', 0, 0, 1, null],
        ['t', 1, 0, 2, null],
      ]),
    )
    const [s] = store.snapshots('g')
    expect(s?.layout.partitions).toEqual([0, 1])
    expect(s?.totalLag).toBe(8)
  })

  it('forgets groups no longer sampled once their points pass the retention', () => {
    const store = new HistoryStore(DAY)
    store.ingest(sampleOf(0, [], 'gone'))
    for (let t = MIN; t <= DAY + 2 * MIN; t += MIN) store.ingest(sampleOf(t, [], 'alive'))
    expect(store.groupIds()).toEqual(['alive'])
  })
})
