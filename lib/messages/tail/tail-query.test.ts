import { describe, expect, it } from 'vitest'
import { parseTailQuery, toTailQuery } from './tail-query'
import { TAIL_LIMITS } from './types'

describe('tail query', () => {
  it('round-trips a request', () => {
    const request = {
      partitions: [0, 2],
      filter: { cel: 'value.n > 1', contains: 'x' },
      keyFormat: 'text' as const,
      valueFormat: 'json' as const,
      maxMs: 60_000,
    }
    expect(parseTailQuery(toTailQuery(request))).toEqual(request)
  })

  it('defaults to all partitions, no filter and the server cap', () => {
    expect(parseTailQuery(new URLSearchParams(''))).toEqual({
      partitions: undefined,
      filter: undefined,
      keyFormat: 'auto',
      valueFormat: 'auto',
      maxMs: TAIL_LIMITS.maxMs,
    })
  })

  it('refuses a duration over the cap and bad partitions', () => {
    expect(() => parseTailQuery(new URLSearchParams({ maxMs: String(TAIL_LIMITS.maxMs + 1) }))).toThrow()
    expect(() => parseTailQuery(new URLSearchParams({ partitions: '1,a' }))).toThrow()
  })
})
