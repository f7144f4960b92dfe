// Pure: no imports, the clock is injected so tests need no timers.

export type Take = { ok: true } | { ok: false; retryAfterMs: number }

/** `capacity` requests at once, refilled at `perMinute` a minute: bursts are allowed, a steady flood is not. */
export class TokenBucket {
  private tokens: number
  private last: number

  constructor(
    readonly capacity: number,
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = capacity
    this.last = now()
  }

  take(): Take {
    this.refill()
    if (this.tokens >= 1) {
      this.tokens -= 1
      return { ok: true }
    }
    const msPerToken = 60_000 / this.perMinute
    return { ok: false, retryAfterMs: Math.ceil((1 - this.tokens) * msPerToken) }
  }

  /** Full again (nothing owed): the key can be forgotten without changing any answer. */
  isFull(): boolean {
    this.refill()
    return this.tokens >= this.capacity
  }

  private refill(): void {
    const t = this.now()
    this.tokens = Math.min(this.capacity, this.tokens + ((t - this.last) * this.perMinute) / 60_000)
    this.last = t
  }
}

/** One bucket per key (a user, an address); full buckets are dropped so idle keys cost no memory. */
export class KeyedRateLimiter {
  private readonly buckets = new Map<string, TokenBucket>()

  constructor(
    readonly capacity: number,
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string): Take {
    let bucket = this.buckets.get(key)
    if (!bucket) {
      if (this.buckets.size > 1_000) this.sweep()
      bucket = new TokenBucket(this.capacity, this.perMinute, this.now)
      this.buckets.set(key, bucket)
    }
    return bucket.take()
  }

  get size(): number {
    return this.buckets.size
  }

  sweep(): void {
    for (const [key, bucket] of this.buckets) if (bucket.isFull()) this.buckets.delete(key)
  }
}
