import { describe, expect, it } from 'vitest'
import { evaluateLagStatus } from './evaluate-lag-status'
import type { GroupLagSample } from './history-types'

const T0 = 1_800_000_000_000
const MIN = 60_000

/** Samples one minute apart of one partition ("orders", 0): [committed, end] per sample. */
function window(points: [number | null, number][], members = 1, lagMs: number | null = null): GroupLagSample[] {
  return points.map(([committed, end], i) => ({
    t: T0 + i * MIN,
    groupId: 'g',
    state: members > 0 ? 'Stable' : 'Empty',
    members,
    partitions: [
      {
        topic: 'orders',
        partition: 0,
        committed: committed === null ? null : String(committed),
        end: String(end),
        lagMs,
      },
    ],
  }))
}

const opts = { retentionMsByTopic: new Map([['orders', 10 * 60 * MIN]]) }

describe('evaluateLagStatus', () => {
  it.each([
    [
      'caught up in one sample of the window',
      [
        [10, 20],
        [20, 20],
        [25, 30],
      ],
      1,
      'OK',
    ],
    [
      'consuming at the production rate',
      [
        [10, 20],
        [20, 30],
        [30, 40],
        [40, 50],
      ],
      1,
      'OK',
    ],
    [
      'lag up and down',
      [
        [10, 20],
        [15, 30],
        [29, 35],
        [30, 45],
      ],
      1,
      'OK',
    ],
    [
      'lag growing in every interval although consuming',
      [
        [10, 20],
        [15, 30],
        [20, 40],
        [25, 50],
      ],
      1,
      'WARNING',
    ],
    [
      'lag flat for one interval, never shrinking, grown overall',
      [
        [10, 20],
        [20, 30],
        [20, 40],
        [25, 50],
      ],
      1,
      'WARNING',
    ],
    [
      'lag growing with one dip in eight samples (noise of sampled commits)',
      [
        [12, 170],
        [12, 176],
        [18, 182],
        [21, 190],
        [24, 192],
        [24, 200],
        [30, 207],
        [33, 210],
      ],
      1,
      'WARNING',
    ],
    [
      'lag flat through the window while consuming',
      [
        [10, 20],
        [20, 30],
        [30, 40],
      ],
      1,
      'OK',
    ],
    [
      'offset not moving with members',
      [
        [10, 20],
        [10, 30],
        [10, 40],
        [10, 50],
      ],
      2,
      'STALLED',
    ],
    [
      'offset not moving, lag flat, with members',
      [
        [10, 20],
        [10, 20],
        [10, 20],
      ],
      1,
      'STALLED',
    ],
    [
      'no members while lag > 0',
      [
        [10, 20],
        [10, 25],
        [10, 30],
      ],
      0,
      'STOPPED',
    ],
    [
      'no members but caught up',
      [
        [20, 20],
        [20, 20],
        [20, 20],
      ],
      0,
      'OK',
    ],
    [
      'too few samples',
      [
        [10, 20],
        [15, 30],
      ],
      1,
      'UNKNOWN',
    ],
    [
      'nothing committed',
      [
        [null, 20],
        [null, 30],
        [null, 40],
      ],
      1,
      'OK',
    ],
  ] as const)('%s', (_name, points, members, expected) => {
    const verdict = evaluateLagStatus(
      window(
        points.map((p) => [...p] as [number | null, number]),
        members,
      ),
      opts,
    )
    expect(verdict.verdict).toBe(expected)
  })

  it('explains a stall in words: which partition, for how long, how much lag grew', () => {
    const v = evaluateLagStatus(
      window([
        [10, 20],
        [10, 1_000],
        [10, 4_220],
        [10, 4_230],
      ]),
      opts,
    )
    expect(v.reason).toBe(
      'orders partition 0: offset unchanged for 3 min while lag grew 4,210, although the group has 1 member(s).',
    )
    expect(v.partitions[0]?.committedSince).toBe(T0)
  })

  it('explains a warning with the consumption and production rates', () => {
    const v = evaluateLagStatus(
      window([
        [0, 600],
        [600, 1_800],
        [1_200, 3_000],
      ]),
      opts,
    )
    expect(v.verdict).toBe('WARNING')
    expect(v.reason).toContain('lag keeps growing, never shrinking in 2 intervals, from 600 to 1,800 over 2 min')
    expect(v.reason).toContain('consuming 10 msg/s, producers writing 20 msg/s')
  })

  it('flags retention risk past 80% of retention.ms, even when everything else is fine', () => {
    const risky = evaluateLagStatus(
      window(
        [
          [10, 20],
          [20, 30],
          [30, 40],
        ],
        1,
        8.5 * 60 * MIN,
      ),
      opts,
    )
    expect(risky.verdict).toBe('RETENTION_RISK')
    expect(risky.reason).toContain('85% of retention.ms (10 h)')
    expect(risky.reason).toContain('deleted in about 1 h 30 min')
    const safe = evaluateLagStatus(
      window(
        [
          [10, 20],
          [20, 30],
          [30, 40],
        ],
        1,
        7 * 60 * MIN,
      ),
      opts,
    )
    expect(safe.verdict).toBe('OK')
    const unlimited = { retentionMsByTopic: new Map([['orders', -1]]) }
    expect(
      evaluateLagStatus(
        window(
          [
            [10, 20],
            [20, 30],
            [30, 40],
          ],
          1,
          1e12,
        ),
        unlimited,
      ).verdict,
    ).toBe('OK')
  })

  it('gives the group its worst partition, and counts the others alike', () => {
    const samples = window([
      [10, 20],
      [10, 30],
      [10, 40],
    ]).map((s) => ({
      ...s,
      partitions: [
        ...s.partitions,
        { topic: 'orders', partition: 1, committed: '5', end: String(6 + (s.t - T0) / MIN), lagMs: null },
        { topic: 'payments', partition: 0, committed: '100', end: '100', lagMs: null },
      ],
    }))
    const v = evaluateLagStatus(samples, opts)
    expect(v.verdict).toBe('STALLED')
    expect(v.reason).toContain('(and 1 more partition(s) STALLED)')
    expect(v.partitions.map((p) => p.verdict)).toEqual(['STALLED', 'STALLED', 'OK'])
    expect(v.windowSamples).toBe(3)
    expect(v.windowMs).toBe(2 * MIN)
  })

  it('judges only partitions present in the newest sample, and is UNKNOWN with no samples', () => {
    const samples = window([
      [10, 20],
      [10, 30],
      [10, 40],
    ])
    const gone = { ...samples[0], partitions: [{ topic: 'old', partition: 0, committed: '1', end: '9', lagMs: null }] }
    const v = evaluateLagStatus([gone as GroupLagSample, ...samples.slice(1)], opts)
    expect(v.partitions.map((p) => p.topic)).toEqual(['orders'])
    expect(evaluateLagStatus([], opts).verdict).toBe('UNKNOWN')
  })

  it('keeps int64 lags exact', () => {
    const big = 2n ** 60n
    const samples = window([
      [0, 1],
      [0, 2],
      [0, 3],
    ]).map((s, i) => ({
      ...s,
      partitions: [{ topic: 'orders', partition: 0, committed: '0', end: String(big + BigInt(i)), lagMs: null }],
    }))
    expect(evaluateLagStatus(samples, opts).reason).toContain('lag grew 2,')
    expect(evaluateLagStatus(samples, opts).verdict).toBe('STALLED')
  })
})
