import { afterEach, describe, expect, it, vi } from 'vitest'
import { sampleOf } from '../sample-of'
import { SamplingLoop } from './sampling-loop'

describe('sampleOf', () => {
  it('makes the sample of one group from its partitions, keeping uncommitted ones', () => {
    const partition = (p: number, committedOffset: string | null, lagMs: number | null) => ({
      topic: 't',
      partition: p,
      committedOffset,
      endOffset: '8',
      startOffset: '0',
      lag: committedOffset === null ? null : String(8 - Number(committedOffset)),
      memberId: null,
      clientId: null,
      lagMs,
      lagMsSource: lagMs === null ? ('none' as const) : ('record' as const),
    })
    const sample = sampleOf(42, { groupId: 'g1', state: 'Stable', members: 2 }, [
      partition(0, '3', 1_234),
      partition(1, null, null),
    ])
    expect(sample).toEqual({
      t: 42,
      groupId: 'g1',
      state: 'Stable',
      members: 2,
      partitions: [
        { topic: 't', partition: 0, committed: '3', end: '8', lagMs: 1_234 },
        { topic: 't', partition: 1, committed: null, end: '8', lagMs: null },
      ],
    })
  })
})

describe('SamplingLoop', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('ticks at once, then every interval, never two at a time', async () => {
    vi.useFakeTimers()
    let running = 0
    let maxRunning = 0
    let ticks = 0
    const loop = new SamplingLoop(1_000, async () => {
      running++
      maxRunning = Math.max(maxRunning, running)
      ticks++
      await new Promise((r) => setTimeout(r, 2_500)) // slower than the interval
      running--
    })
    loop.start()
    loop.start()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(maxRunning).toBe(1)
    expect(ticks).toBe(4) // 0, 2.5, 5, 7.5 s: each right after the previous one
    const stopped = loop.stop()
    await vi.advanceTimersByTimeAsync(3_000)
    await stopped
    await vi.advanceTimersByTimeAsync(10_000)
    expect(ticks).toBe(4)
  })

  it('keeps the interval between tick starts when ticks are quick', async () => {
    vi.useFakeTimers()
    const starts: number[] = []
    const loop = new SamplingLoop(1_000, async () => {
      starts.push(Date.now())
      await new Promise((r) => setTimeout(r, 200))
    })
    const t0 = Date.now()
    loop.start()
    await vi.advanceTimersByTimeAsync(3_100)
    const stopped = loop.stop() // waits for the tick started at 3 s
    await vi.advanceTimersByTimeAsync(200)
    await stopped
    expect(starts.map((s) => s - t0)).toEqual([0, 1_000, 2_000, 3_000])
  })
})
