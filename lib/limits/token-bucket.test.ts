import { describe, expect, it } from 'vitest'
import { KeyedRateLimiter, TokenBucket } from './token-bucket'

function clock() {
  let t = 1_000_000
  return { now: () => t, advance: (ms: number) => (t += ms) }
}

describe('TokenBucket', () => {
  it('allows a burst of `capacity`, then refuses with the wait until the next token', () => {
    const c = clock()
    const bucket = new TokenBucket(3, 60, c.now) // one token a second
    expect([bucket.take(), bucket.take(), bucket.take()].every((t) => t.ok)).toBe(true)
    expect(bucket.take()).toEqual({ ok: false, retryAfterMs: 1000 })
    c.advance(400)
    expect(bucket.take()).toEqual({ ok: false, retryAfterMs: 600 })
    c.advance(600)
    expect(bucket.take().ok).toBe(true)
  })

  it('never refills past its capacity', () => {
    const c = clock()
    const bucket = new TokenBucket(2, 60, c.now)
    c.advance(60_000)
    expect(bucket.take().ok).toBe(true)
    expect(bucket.take().ok).toBe(true)
    expect(bucket.take().ok).toBe(false)
  })
})

describe('KeyedRateLimiter', () => {
  it('keeps one budget per key', () => {
    const c = clock()
    const limiter = new KeyedRateLimiter(1, 6, c.now)
    expect(limiter.take('user:a').ok).toBe(true)
    expect(limiter.take('user:a')).toEqual({ ok: false, retryAfterMs: 10_000 })
    expect(limiter.take('user:b').ok).toBe(true)
  })

  it('forgets keys whose bucket is full again', () => {
    const c = clock()
    const limiter = new KeyedRateLimiter(1, 60, c.now)
    limiter.take('a')
    limiter.take('b')
    expect(limiter.size).toBe(2)
    c.advance(1_000)
    limiter.sweep()
    expect(limiter.size).toBe(0)
  })
})
