import { describe, expect, it } from 'vitest'
import { clampInto, lagAt, modeText, parseMode, targetOf } from './compute-target'

const BIG = 2n ** 62n // far beyond 2^53: a Number would round it

describe('targetOf, as ConsumerGroupCommand computes NEW-OFFSET', () => {
  const p = { current: 40n, low: 10n, high: 100n }

  it('earliest and latest are the log start and end, never clamped', () => {
    expect(targetOf({ kind: 'earliest' }, p)).toEqual({ target: 10n, clamped: false })
    expect(targetOf({ kind: 'latest' }, p)).toEqual({ target: 100n, clamped: false })
    expect(targetOf({ kind: 'earliest' }, { ...p, current: null })).toEqual({ target: 10n, clamped: false })
  })

  it('a specific offset is kept inside [low, high]: above the end → end, below the start → start', () => {
    expect(targetOf({ kind: 'offset', offset: 50n }, p)).toEqual({ target: 50n, clamped: false })
    expect(targetOf({ kind: 'offset', offset: 100n }, p)).toEqual({ target: 100n, clamped: false })
    expect(targetOf({ kind: 'offset', offset: 10n }, p)).toEqual({ target: 10n, clamped: false })
    expect(targetOf({ kind: 'offset', offset: 101n }, p)).toEqual({ target: 100n, clamped: true })
    expect(targetOf({ kind: 'offset', offset: 9n }, p)).toEqual({ target: 10n, clamped: true })
    expect(targetOf({ kind: 'offset', offset: -3n }, p)).toEqual({ target: 10n, clamped: true })
  })

  it('shift moves from the committed offset and is clamped the same way', () => {
    expect(targetOf({ kind: 'shift', by: -5n }, p)).toEqual({ target: 35n, clamped: false })
    expect(targetOf({ kind: 'shift', by: 5n }, p)).toEqual({ target: 45n, clamped: false })
    expect(targetOf({ kind: 'shift', by: -100n }, p)).toEqual({ target: 10n, clamped: true })
    expect(targetOf({ kind: 'shift', by: 1_000n }, p)).toEqual({ target: 100n, clamped: true })
  })

  it('shift skips a partition without a committed offset (the tool refuses the whole reset)', () => {
    expect(targetOf({ kind: 'shift', by: 1n }, { ...p, current: null })).toEqual({
      skip: 'no committed offset to shift from',
    })
  })

  it('a committed offset below the log start shifted forward may still land below it → start', () => {
    expect(targetOf({ kind: 'shift', by: 2n }, { current: 3n, low: 10n, high: 20n })).toEqual({
      target: 10n,
      clamped: true,
    })
  })

  it('timestamp: the offset ListOffsets found; none (-1) falls back to the log end', () => {
    expect(targetOf({ kind: 'timestamp', timestamp: 0 }, { ...p, offsetForTimestamp: 42n })).toEqual({
      target: 42n,
      clamped: false,
    })
    expect(targetOf({ kind: 'timestamp', timestamp: 0 }, { ...p, offsetForTimestamp: -1n })).toEqual({
      target: 100n,
      clamped: true,
    })
    expect(targetOf({ kind: 'timestamp', timestamp: 0 }, { ...p, offsetForTimestamp: null })).toEqual({
      target: 100n,
      clamped: true,
    })
  })

  it('stays exact beyond 2^53', () => {
    const big = { current: BIG + 7n, low: BIG, high: BIG + 1_000n }
    expect(targetOf({ kind: 'shift', by: -3n }, big)).toEqual({ target: BIG + 4n, clamped: false })
    expect(targetOf({ kind: 'offset', offset: BIG + 999n }, big)).toEqual({ target: BIG + 999n, clamped: false })
    expect(targetOf({ kind: 'shift', by: 2n ** 63n - 1n }, big)).toEqual({ target: BIG + 1_000n, clamped: true })
    expect(lagAt(BIG + 4n, BIG + 1_000n)).toBe(996n)
    expect((BIG + 4n).toString()).toBe('4611686018427387908')
  })
})

describe('clampInto and lagAt', () => {
  it('an empty log (low = high) has one valid position', () => {
    expect(clampInto(0n, 5n, 5n)).toEqual({ target: 5n, clamped: true })
    expect(clampInto(5n, 5n, 5n)).toEqual({ target: 5n, clamped: false })
  })

  it('lag never goes negative', () => {
    expect(lagAt(120n, 100n)).toBe(0n)
    expect(lagAt(60n, 100n)).toBe(40n)
  })
})

describe('parseMode and modeText', () => {
  it('parses int64 strings exactly and ISO dates with a zone', () => {
    expect(parseMode({ kind: 'offset', offset: '9223372036854775807' })).toEqual({
      kind: 'offset',
      offset: 9223372036854775807n,
    })
    expect(parseMode({ kind: 'shift', by: ' -9007199254740993 ' })).toEqual({ kind: 'shift', by: -9007199254740993n })
    expect(parseMode({ kind: 'timestamp', timestamp: '2025-01-31T12:00:00+01:00' })).toEqual({
      kind: 'timestamp',
      timestamp: Date.UTC(2025, 0, 31, 11),
    })
    expect(parseMode({ kind: 'timestamp', timestamp: 1_700_000_000_000 })).toEqual({
      kind: 'timestamp',
      timestamp: 1_700_000_000_000,
    })
  })

  it('says the mode in words', () => {
    expect(modeText({ kind: 'shift', by: 5n })).toBe('shifted by +5')
    expect(modeText({ kind: 'shift', by: -5n })).toBe('shifted by -5')
    expect(modeText({ kind: 'timestamp', timestamp: 0 })).toBe(
      'to the first offset at or after 1970-01-01T00:00:00.000Z',
    )
    expect(modeText({ kind: 'earliest' })).toBe('to the earliest offset')
  })
})
