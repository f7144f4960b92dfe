import { describe, expect, it } from 'vitest'
import type { PartitionLagWithTime } from '@/lib/lag/types'
import {
  committedBelowStart,
  consumerLabel,
  countPartitions,
  formatAssignment,
  groupPartitionsByTopic,
  hasLag,
  lagTimeView,
  pendingTarget,
} from './group-detail-model'

function partition(topic: string, p: number, over: Partial<PartitionLagWithTime> = {}): PartitionLagWithTime {
  return {
    topic,
    partition: p,
    committedOffset: '10',
    endOffset: '10',
    startOffset: '0',
    lag: '0',
    memberId: null,
    clientId: null,
    lagMs: null,
    lagMsSource: 'none',
    ...over,
  }
}

describe('formatAssignment', () => {
  it('lists topics A→Z with partitions ascending, merging duplicates', () => {
    expect(
      formatAssignment([
        { topic: 'orders', partitions: [2, 0, 1] },
        { topic: 'audit', partitions: [10, 9] },
        { topic: 'orders', partitions: [1, 3] },
        { topic: 'empty', partitions: [] },
      ]),
    ).toEqual(['audit: 9,10', 'orders: 0,1,2,3'])
    expect(formatAssignment([])).toEqual([])
    expect(countPartitions([{ topic: 'orders', partitions: [0, 1, 1] }])).toBe(2)
  })
})

describe('pendingTarget', () => {
  const current = [{ topic: 'orders', partitions: [0, 1] }]

  it('is null for classic members (no target) and for reconciled members', () => {
    expect(pendingTarget({ assignment: current, targetAssignment: null })).toBeNull()
    // Same partitions in another order is the same assignment.
    expect(
      pendingTarget({ assignment: current, targetAssignment: [{ topic: 'orders', partitions: [1, 0] }] }),
    ).toBeNull()
  })

  it('shows where a KIP-848 member is moving to', () => {
    expect(pendingTarget({ assignment: current, targetAssignment: [{ topic: 'orders', partitions: [0] }] })).toEqual([
      'orders: 0',
    ])
    expect(pendingTarget({ assignment: current, targetAssignment: [] })).toEqual([])
  })
})

describe('groupPartitionsByTopic', () => {
  it('groups by topic A→Z, partitions ascending, and sums each topic', () => {
    const topics = groupPartitionsByTopic([
      partition('orders', 2, { lag: '5', lagMs: 4_000, lagMsSource: 'record' }),
      partition('audit', 0),
      partition('orders', 0, { lag: '9223372036854775807', lagMs: 9_000, lagMsSource: 'interpolated' }),
      partition('orders', 1, { committedOffset: null, lag: null }),
    ])
    expect(topics.map((t) => t.topic)).toEqual(['audit', 'orders'])
    const orders = topics[1]
    expect(orders?.partitions.map((p) => p.partition)).toEqual([0, 1, 2])
    expect(orders?.totalLag).toBe(9223372036854775812n)
    expect(orders?.lagging).toBe(2)
    expect(orders?.maxLagMs).toBe(9_000)
    expect(topics[0]).toMatchObject({ totalLag: 0n, lagging: 0, maxLagMs: null })
  })
})

describe('lagTimeView', () => {
  it('marks a value read from the record as exact', () => {
    expect(lagTimeView(partition('t', 0, { lag: '3', lagMs: 12_000, lagMsSource: 'record' }))).toMatchObject({
      text: '12 s',
      marker: 'exact',
    })
  })

  it('marks an interpolated value with ≈', () => {
    expect(lagTimeView(partition('t', 0, { lag: '3', lagMs: 240_000, lagMsSource: 'interpolated' }))).toMatchObject({
      text: '4 min',
      marker: '≈',
    })
  })

  it('shows a dash, and says why, when there is no value', () => {
    expect(lagTimeView(partition('t', 0))).toMatchObject({
      text: '—',
      marker: null,
      title: expect.stringMatching(/caught up/i),
    })
    expect(lagTimeView(partition('t', 0, { committedOffset: null, lag: null }))).toMatchObject({
      text: '—',
      title: expect.stringMatching(/not committed/),
    })
    expect(lagTimeView(partition('t', 0, { lag: '7' }))).toMatchObject({
      text: '—',
      title: expect.stringMatching(/unknown/),
    })
  })
})

describe('partition helpers', () => {
  it('flags lag above zero only', () => {
    expect(hasLag({ lag: '1' })).toBe(true)
    expect(hasLag({ lag: '0' })).toBe(false)
    expect(hasLag({ lag: null })).toBe(false)
  })

  // Retention deleted records the group never read: the committed offset is below the log start.
  it('detects a commit below the log start, exactly beyond 2^53', () => {
    expect(committedBelowStart({ committedOffset: '5', startOffset: '100' })).toBe(true)
    expect(committedBelowStart({ committedOffset: '100', startOffset: '100' })).toBe(false)
    expect(committedBelowStart({ committedOffset: null, startOffset: '100' })).toBe(false)
    expect(committedBelowStart({ committedOffset: '9007199254740992', startOffset: '9007199254740993' })).toBe(true)
  })

  it('names the consumer by client id, else member id', () => {
    expect(consumerLabel({ clientId: 'billing-1', memberId: 'm-1' })).toBe('billing-1')
    expect(consumerLabel({ clientId: '', memberId: 'm-1' })).toBe('m-1')
    expect(consumerLabel({ clientId: null, memberId: null })).toBeNull()
  })
})
