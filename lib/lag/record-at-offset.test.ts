import { describe, expect, it } from 'vitest'
import { type BatchLike, recordAtOrAfter } from './record-at-offset'

const batch = (firstOffset: number, firstTimestamp: number, deltas: [number, number][], attributes = 0): BatchLike => ({
  firstOffset: BigInt(firstOffset),
  attributes,
  firstTimestamp: BigInt(firstTimestamp),
  maxTimestamp: BigInt(firstTimestamp + Math.max(0, ...deltas.map(([, t]) => t))),
  records: deltas.map(([o, t]) => ({ offsetDelta: o, timestampDelta: BigInt(t) })),
})

describe('recordAtOrAfter', () => {
  it('skips the records of the batch before the offset asked for', () => {
    const found = recordAtOrAfter(
      [
        batch(10, 1000, [
          [0, 0],
          [1, 5],
          [2, 9],
        ]),
      ],
      11n,
    )
    expect(found).toEqual({ offset: 11n, timestamp: 1005n })
  })

  it('takes the next record when the offset itself is gone (compaction)', () => {
    const found = recordAtOrAfter(
      [
        batch(10, 1000, [
          [0, 0],
          [3, 7],
        ]),
      ],
      11n,
    )
    expect(found).toEqual({ offset: 13n, timestamp: 1007n })
  })

  it('skips transaction markers', () => {
    const found = recordAtOrAfter([batch(5, 1, [[0, 0]], 1 << 5), batch(6, 2000, [[0, 0]])], 5n)
    expect(found).toEqual({ offset: 6n, timestamp: 2000n })
  })

  it('uses the batch append time in LogAppendTime topics', () => {
    const found = recordAtOrAfter([{ ...batch(0, 1, [[0, 0]], 1 << 3), maxTimestamp: 9999n }], 0n)
    expect(found?.timestamp).toBe(9999n)
  })

  it('returns null when no record is at or after the offset', () => {
    expect(recordAtOrAfter([batch(0, 1, [[0, 0]])], 1n)).toBeNull()
    expect(recordAtOrAfter([], 0n)).toBeNull()
  })
})
