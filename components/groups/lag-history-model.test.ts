import { describe, expect, it } from 'vitest'
import type { LagHistory, SamplerStatus } from '@/lib/lag/history-types'
import {
  chartRows,
  emptyReason,
  formatCompact,
  parseScopeKey,
  scopeKey,
  scopeOptions,
  timeDomain,
} from './lag-history-model'

const sampler: SamplerStatus = {
  enabled: true,
  role: 'leader',
  intervalMs: 30_000,
  lastSampleAt: null,
  lastSampleDurationMs: null,
  lastError: null,
  persistence: { ok: true, topic: '_ferry.lag-samples' },
}

const history: LagHistory = {
  groupId: 'g',
  range: '1h',
  points: [
    { t: 1_000, totalLag: '7', maxLagMs: 500, consumedPerSec: null, producedPerSec: null },
    { t: 31_000, totalLag: '4', maxLagMs: 0, consumedPerSec: 1.5, producedPerSec: 1.4 },
  ],
  topics: [
    {
      topic: 'a.b',
      points: [
        { t: 1_000, lag: '7', lagMs: 500 },
        { t: 31_000, lag: '4', lagMs: 0 },
      ],
    },
  ],
  partitions: [
    {
      topic: 'a.b',
      partition: 1,
      points: [
        { t: 1_000, lag: null, lagMs: null },
        { t: 31_000, lag: '4', lagMs: 0 },
      ],
    },
  ],
  sampler,
}

describe('lag history model', () => {
  it('round-trips scope keys, whatever the topic name holds', () => {
    for (const scope of [
      { kind: 'group' as const },
      { kind: 'topic' as const, topic: 'weird:topic-1' },
      { kind: 'partition' as const, topic: 'a.b', partition: 12 },
    ]) {
      expect(parseScopeKey(scopeKey(scope))).toEqual(scope)
    }
    expect(parseScopeKey('garbage')).toEqual({ kind: 'group' })
  })

  it('lists the group, then each topic with its partitions', () => {
    expect(scopeOptions(history).map((o) => o.label)).toEqual(['Whole group', 'Topic a.b', 'a.b · partition 1'])
    expect(scopeOptions(undefined)).toHaveLength(1)
  })

  it('gives rows per scope', () => {
    expect(chartRows(history, { kind: 'group' })).toEqual([
      { t: 1_000, lag: 7, lagMs: 500, consumed: null, produced: null },
      { t: 31_000, lag: 4, lagMs: 0, consumed: 1.5, produced: 1.4 },
    ])
    expect(chartRows(history, { kind: 'partition', topic: 'a.b', partition: 1 })[0]).toEqual({
      t: 1_000,
      lag: null,
      lagMs: null,
      consumed: null,
      produced: null,
    })
    expect(chartRows(history, { kind: 'topic', topic: 'gone' })).toEqual([])
  })

  it('spans the whole range up to the newest point', () => {
    expect(timeDomain(chartRows(history, { kind: 'group' }), '15m')).toEqual([31_000 - 900_000, 31_000])
  })

  it('formats compact axis numbers', () => {
    expect([0, 7, 950, 1_200, 12_345, 3_400_000, 2.5].map(formatCompact)).toEqual([
      '0',
      '7',
      '950',
      '1.2k',
      '12k',
      '3.4M',
      '2.50',
    ])
  })

  it('says why there is no history', () => {
    expect(emptyReason(sampler).title).toBe('No samples yet: the sampler takes one every 30 s')
    expect(
      emptyReason({ ...sampler, role: 'unavailable', persistence: { ok: false, topic: 'x', reason: 'denied' } }),
    ).toEqual({ title: 'No lag history: the samples topic cannot be used', detail: 'denied' })
    expect(emptyReason({ ...sampler, enabled: false, role: 'disabled' }).title).toBe('Lag sampling is turned off')
  })
})
