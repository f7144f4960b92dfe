import { describe, expect, it } from 'vitest'
import { DEFAULT_DLQ_CONFIG } from '@/lib/config/dlq-schema'
import { DeadLetterColumns, Interner } from '../index/columns'
import { type AggregateInput, aggregate, alertOf, baselineOf, HOUR_MS, HOURS, type Resolved } from './aggregate'

const NOW = Date.parse('2026-03-10T12:30:00Z')
const alerts = DEFAULT_DLQ_CONFIG.alerts

function inputOf(
  timestamps: number[],
  resolved: Map<number, Resolved> = new Map(),
  sourceOf: (i: number) => number = () => 0,
): AggregateInput {
  const topicNames = new Interner()
  topicNames.idOf('orders')
  topicNames.idOf('payments')
  const fingerprints = new Interner()
  fingerprints.idOf('fp-a')
  fingerprints.idOf('fp-b')
  const columns = new DeadLetterColumns()
  timestamps.forEach((ts, i) => {
    columns.push({
      offset: i,
      timestamp: ts,
      sourceTopicId: sourceOf(i),
      sourcePartition: 0,
      sourceOffset: i,
      fingerprintId: i % 3 === 0 ? 1 : 0,
      errorTypeId: -1,
      attempts: -1,
      replayCount: 0,
      style: 0,
    })
  })
  return {
    now: NOW,
    topics: [
      { topic: 'orders.DLT', convention: 'dot-DLT', sourceTopic: 'orders', partitions: [{ partition: 0, columns }] },
    ],
    topicNames,
    fingerprints,
    groups: [{ type: 'A' }, { type: 'B', message: 'b <n>' }],
    resolutionsOf: () => resolved,
    alerts,
  }
}

describe('aggregate', () => {
  it('counts statuses, sources, error groups and the last hour', () => {
    const ts = [NOW - 10 * HOUR_MS, NOW - 5 * 60_000, NOW - 60_000, NOW - 2 * HOUR_MS]
    const resolved = new Map<number, Resolved>([
      [0, { status: 'replayed', atMs: NOW - 30 * 60_000 }],
      [3, { status: 'discarded', atMs: NOW - 3 * HOUR_MS }],
    ])
    const a = aggregate(inputOf(ts, resolved, (i) => (i === 2 ? 1 : -1)))
    expect(a.totals).toEqual({
      total: 4,
      pending: 2,
      replayed: 1,
      discarded: 1,
      oldestPendingAt: new Date(NOW - 5 * 60_000).toISOString(),
    })
    expect(a.topics[0]).toMatchObject({ inflowLastHour: 2, outflowLastHour: 1, sourceTopics: ['payments'] })
    // Records without a source header count for the source the DLQ's name gives.
    expect(a.bySource).toEqual([
      { sourceTopic: 'orders', total: 3, pending: 1 },
      { sourceTopic: 'payments', total: 1, pending: 1 },
    ])
    expect(a.byError.map((e) => [e.fingerprint, e.total, e.pending])).toEqual([
      ['fp-a', 2, 2],
      ['fp-b', 2, 0],
    ])
  })

  it('buckets 7 days hour by hour: inflow, outflow and pending at the end of each hour', () => {
    const ts = [NOW - 3 * HOUR_MS, NOW - 3 * HOUR_MS + 1, NOW - 60_000, NOW - 8 * 24 * HOUR_MS]
    const resolved = new Map<number, Resolved>([[0, { status: 'replayed', atMs: NOW - 2 * HOUR_MS }]])
    const { hourly } = aggregate(inputOf(ts, resolved))
    expect(hourly).toHaveLength(HOURS)
    expect(hourly[HOURS - 1]?.hour).toBe('2026-03-10T12:00:00.000Z')
    expect(hourly[0]?.hour).toBe('2026-03-03T13:00:00.000Z')
    const last4 = hourly.slice(-4).map((h) => [h.inflow, h.outflow, h.pending])
    // 09:xx two arrive (the 8-day-old one is pending all along), 10:xx one replayed, 12:xx one arrives.
    expect(last4).toEqual([
      [2, 0, 3],
      [0, 1, 2],
      [0, 0, 2],
      [1, 0, 3],
    ])
    expect(hourly[0]?.pending).toBe(1)
  })
})

describe('alertOf', () => {
  const base = { baselinePerHour: 10, oldestPendingMs: Number.POSITIVE_INFINITY, now: NOW }

  it('warns and escalates on inflow against the 7-day hourly baseline, naming it', () => {
    expect(alertOf({ ...base, inflowLastHour: 19 }, alerts).level).toBe('ok')
    const warning = alertOf({ ...base, inflowLastHour: 20 }, alerts)
    expect(warning.level).toBe('warning')
    expect(warning.reasons[0]).toContain('2.0× the 7-day hourly baseline of 10')
    expect(alertOf({ ...base, inflowLastHour: 50 }, alerts).level).toBe('critical')
  })

  it('ignores tiny baselines and tiny inflows', () => {
    // A quiet DLQ: 9 in an hour against ~0 is below the minimum inflow.
    expect(alertOf({ ...base, baselinePerHour: 0.01, inflowLastHour: 9 }, alerts).level).toBe('ok')
    const burst = alertOf({ ...base, baselinePerHour: 0.01, inflowLastHour: 12 }, alerts)
    expect(burst.level).toBe('critical')
    expect(burst.reasons[0]).toContain('12.0× the 7-day hourly baseline of 0.01 (counted as 1)')
  })

  it('has no inflow alert for a DLQ younger than an hour, and averages a younger one over its own hours', () => {
    expect(alertOf({ ...base, baselinePerHour: undefined, inflowLastHour: 500 }, alerts).level).toBe('ok')
    expect(baselineOf(30, NOW - 40 * 60_000, NOW - HOUR_MS)).toEqual({ baselineHours: 0 })
    const tenHours = baselineOf(30, NOW - 11 * HOUR_MS, NOW - HOUR_MS)
    expect(tenHours).toEqual({ baselinePerHour: 3, baselineHours: 10 })
    const burst = alertOf({ ...base, ...tenHours, inflowLastHour: 12 }, alerts)
    expect(burst.level).toBe('warning')
    expect(burst.reasons[0]).toContain('4.0× the 10 h hourly baseline of 3')
    expect(baselineOf(168, NOW - 30 * 24 * HOUR_MS, NOW - HOUR_MS)).toEqual({
      baselinePerHour: 1,
      baselineHours: HOURS,
    })
  })

  it('warns when the oldest pending dead letter is older than configured', () => {
    const old = alertOf({ ...base, inflowLastHour: 0, oldestPendingMs: NOW - 3 * 24 * HOUR_MS }, alerts)
    expect(old).toEqual({
      level: 'warning',
      reasons: ['the oldest pending dead letter is 3 days old (warning after 24 h)'],
    })
  })
})
