import { describe, expect, it } from 'vitest'
import { Semaphore } from './semaphore'

describe('Semaphore', () => {
  it('grants up to max at once and refuses at once when told not to wait', async () => {
    const s = new Semaphore(2)
    const a = await s.acquire(0)
    const b = await s.acquire(0)
    expect(a && b).toBeTruthy()
    expect(await s.acquire(0)).toBeNull()
    expect(s.inUse).toBe(2)
  })

  it('hands a released slot to the first waiter, in order', async () => {
    const s = new Semaphore(1)
    const first = await s.acquire(0)
    const order: string[] = []
    const w1 = s.acquire(1_000).then((r) => {
      order.push('w1')
      return r
    })
    const w2 = s.acquire(1_000).then((r) => {
      order.push('w2')
      return r
    })
    expect(s.waiting).toBe(2)
    first?.()
    const r1 = await w1
    expect(order).toEqual(['w1'])
    r1?.()
    const r2 = await w2
    expect(order).toEqual(['w1', 'w2'])
    r2?.()
    expect(s.inUse).toBe(0)
  })

  it('gives up after waitMs or on abort, and leaves the queue', async () => {
    const s = new Semaphore(1)
    await s.acquire(0)
    expect(await s.acquire(20)).toBeNull()
    const controller = new AbortController()
    const waiting = s.acquire(10_000, controller.signal)
    controller.abort()
    expect(await waiting).toBeNull()
    expect(s.waiting).toBe(0)
  })

  it('counts a double release once', async () => {
    const s = new Semaphore(1)
    const release = await s.acquire(0)
    release?.()
    release?.()
    expect(s.inUse).toBe(0)
    expect(await s.acquire(0)).not.toBeNull()
    expect(await s.acquire(0)).toBeNull()
  })
})
