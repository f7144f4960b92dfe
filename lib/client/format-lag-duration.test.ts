import { describe, expect, it } from 'vitest'
import { formatLagDuration } from './format'

describe('formatLagDuration', () => {
  it('shows one whole unit, rounded down', () => {
    expect(formatLagDuration(12_400)).toBe('12 s')
    expect(formatLagDuration(59_999)).toBe('59 s')
    expect(formatLagDuration(60_000)).toBe('1 min')
    expect(formatLagDuration(4 * 60_000 + 59_000)).toBe('4 min')
    expect(formatLagDuration(3 * 3_600_000 + 1)).toBe('3 h')
    expect(formatLagDuration(30 * 3_600_000)).toBe('30 h')
    expect(formatLagDuration(3 * 86_400_000)).toBe('3 d')
    expect(formatLagDuration(1_500 * 86_400_000)).toBe('1,500 d')
  })

  it('keeps sub-second lag distinct from none', () => {
    expect(formatLagDuration(0)).toBe('< 1 s')
    expect(formatLagDuration(999)).toBe('< 1 s')
  })

  it('shows a dash when unknown', () => {
    expect(formatLagDuration(null)).toBe('—')
    expect(formatLagDuration(undefined)).toBe('—')
    expect(formatLagDuration(-5)).toBe('—')
    expect(formatLagDuration(Number.NaN)).toBe('—')
  })
})
