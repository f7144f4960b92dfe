import { describe, expect, it } from 'vitest'
import { formatBytes, formatCount, formatDuration, parseBigInt, pluralize } from './format'

describe('parseBigInt', () => {
  it('reads decimal strings, safe integers and bigints', () => {
    expect(parseBigInt('42')).toBe(42n)
    expect(parseBigInt(' -1 ')).toBe(-1n)
    expect(parseBigInt(7)).toBe(7n)
    expect(parseBigInt(9n)).toBe(9n)
  })

  it('returns null for missing or non-integer input', () => {
    expect(parseBigInt(null)).toBeNull()
    expect(parseBigInt(undefined)).toBeNull()
    expect(parseBigInt('')).toBeNull()
    expect(parseBigInt('1.5')).toBeNull()
    expect(parseBigInt('12abc')).toBeNull()
    expect(parseBigInt(1.5)).toBeNull()
    expect(parseBigInt(Number.NaN)).toBeNull()
  })
})

describe('formatCount', () => {
  it('groups thousands', () => {
    expect(formatCount('0')).toBe('0')
    expect(formatCount('999')).toBe('999')
    expect(formatCount('1000')).toBe('1,000')
    expect(formatCount('1234567')).toBe('1,234,567')
    expect(formatCount(5000)).toBe('5,000')
    expect(formatCount('-1234')).toBe('-1,234')
  })

  // Number(x) would round these: offsets above 2^53 must stay exact.
  it('keeps int64 values exact', () => {
    expect(formatCount('9223372036854775807')).toBe('9,223,372,036,854,775,807')
    expect(formatCount('9007199254740993')).toBe('9,007,199,254,740,993')
  })

  it('shows a dash for missing values', () => {
    expect(formatCount(null)).toBe('—')
    expect(formatCount('n/a')).toBe('—')
  })
})

describe('formatDuration', () => {
  it('uses the largest whole unit', () => {
    expect(formatDuration('604800000')).toBe('7 d')
    expect(formatDuration('3600000')).toBe('1 h')
    expect(formatDuration('60000')).toBe('1 min')
    expect(formatDuration('1000')).toBe('1 s')
    expect(formatDuration('250')).toBe('250 ms')
    expect(formatDuration('0')).toBe('0 ms')
  })

  it('keeps at most two units', () => {
    expect(formatDuration('5400000')).toBe('1 h 30 min')
    expect(formatDuration('100000')).toBe('1 min 40 s')
    expect(formatDuration(String(86_400_000 + 5_000))).toBe('1 d 5 s')
    expect(formatDuration(String(86_400_000 + 3_600_000 + 60_000))).toBe('1 d 1 h')
  })

  it('shows Kafka -1 as unlimited', () => {
    expect(formatDuration('-1')).toBe('∞')
  })

  it('handles Long.MAX_VALUE without precision loss', () => {
    expect(formatDuration('9223372036854775807')).toBe('106,751,991,167 d 7 h')
  })

  it('shows a dash when unknown', () => {
    expect(formatDuration(null)).toBe('—')
    expect(formatDuration('soon')).toBe('—')
  })
})

describe('formatBytes', () => {
  it('uses binary units', () => {
    expect(formatBytes('0')).toBe('0 B')
    expect(formatBytes('1023')).toBe('1,023 B')
    expect(formatBytes('1024')).toBe('1 KiB')
    expect(formatBytes('1536')).toBe('1.5 KiB')
    expect(formatBytes('1073741824')).toBe('1 GiB')
    expect(formatBytes('1000000')).toBe('976.6 KiB')
  })

  it('rounds up into the next whole number', () => {
    expect(formatBytes(String(2 * 1024 * 1024 - 1))).toBe('2 MiB')
  })

  it('shows Kafka -1 as unlimited and unknown as a dash', () => {
    expect(formatBytes('-1')).toBe('∞')
    expect(formatBytes(null)).toBe('—')
  })

  it('reaches exbibytes for int64 maximum', () => {
    expect(formatBytes('9223372036854775807')).toBe('8 EiB')
  })
})

describe('pluralize', () => {
  it('picks the form by count', () => {
    expect(pluralize(1, 'replica')).toBe('1 replica')
    expect(pluralize(14, 'replica')).toBe('14 replicas')
    expect(pluralize(0, 'replica')).toBe('0 replicas')
    expect(pluralize(2, 'policy', 'policies')).toBe('2 policies')
  })
})
