// Pure: no imports.

export type Release = () => void

/**
 * At most `max` holders at once; the others queue in order for at most `waitMs` each and then get null (the caller
 * refuses the request). Release functions are idempotent, so a stream that both ends and is cancelled frees one slot.
 */
export class Semaphore {
  private held = 0
  private readonly waiters: { grant: (release: Release) => void }[] = []

  constructor(readonly max: number) {}

  get inUse(): number {
    return this.held
  }

  get waiting(): number {
    return this.waiters.length
  }

  acquire(waitMs: number, signal?: AbortSignal): Promise<Release | null> {
    if (this.held < this.max) {
      this.held++
      return Promise.resolve(this.releaser())
    }
    if (waitMs <= 0 || signal?.aborted) return Promise.resolve(null)
    return new Promise((resolve) => {
      const waiter = {
        grant: (release: Release) => {
          clearTimeout(timer)
          signal?.removeEventListener('abort', giveUp)
          resolve(release)
        },
      }
      const giveUp = () => {
        const i = this.waiters.indexOf(waiter)
        if (i >= 0) this.waiters.splice(i, 1)
        clearTimeout(timer)
        signal?.removeEventListener('abort', giveUp)
        resolve(null)
      }
      const timer = setTimeout(giveUp, waitMs)
      signal?.addEventListener('abort', giveUp, { once: true })
      this.waiters.push(waiter)
    })
  }

  private releaser(): Release {
    let done = false
    return () => {
      if (done) return
      done = true
      const next = this.waiters.shift()
      // The slot passes straight to the next waiter: held stays the same.
      if (next) next.grant(this.releaser())
      else this.held--
    }
  }
}
