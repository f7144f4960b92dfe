// Pure: a token bucket for the replay rate limit (messages per second, bursts of at most one second's worth).

export class TokenBucket {
  private tokens: number
  private last: number

  constructor(
    private readonly ratePerSec: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = Math.min(ratePerSec, 1)
    this.last = now()
  }

  /** How long to wait before `n` messages may go; the tokens are taken (may go negative: the wait pays for it). */
  take(n: number): number {
    const t = this.now()
    this.tokens = Math.min(this.ratePerSec, this.tokens + ((t - this.last) * this.ratePerSec) / 1000)
    this.last = t
    this.tokens -= n
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens * 1000) / this.ratePerSec)
  }
}
