import { describe, expect, it } from 'vitest'
import { runWithPrincipal } from '@/lib/auth/request-context'
import { DEFAULT_LIMITS } from './limit-settings'
import { acquireReplaySlot, currentLimitKey, limitedStream, RateLimitError, releaseWhenDone } from './scan-limits'

function streamOf(chunks: string[]): Response {
  const enc = new TextEncoder()
  return new Response(
    new ReadableStream({
      start(c) {
        for (const chunk of chunks) c.enqueue(enc.encode(chunk))
        c.close()
      },
    }),
    { headers: { 'content-type': 'text/plain' } },
  )
}

describe('currentLimitKey', () => {
  it('is the principal, else the client address, else local', () => {
    expect(currentLimitKey()).toBe('local')
    expect(runWithPrincipal({ name: 'ann', roles: [] }, '10.0.0.1', currentLimitKey)).toBe('user:ann')
    expect(runWithPrincipal(null, '10.0.0.1', currentLimitKey)).toBe('addr:10.0.0.1')
  })
})

describe('releaseWhenDone', () => {
  it('releases once when the body is read to the end, keeping status and headers', async () => {
    let released = 0
    const res = releaseWhenDone(streamOf(['a', 'b']), () => released++)
    expect(res.headers.get('content-type')).toBe('text/plain')
    expect(released).toBe(0)
    expect(await res.text()).toBe('ab')
    expect(released).toBe(1)
  })

  it('releases when the client cancels', async () => {
    let released = 0
    const res = releaseWhenDone(streamOf(['a']), () => released++)
    await res.body?.cancel()
    expect(released).toBe(1)
  })
})

describe('limits', () => {
  it('refuses a user over the burst with 429, Retry-After and the one error body', async () => {
    const statuses: number[] = []
    let last: Response | undefined
    await runWithPrincipal({ name: 'flood', roles: [] }, undefined, async () => {
      for (let i = 0; i <= DEFAULT_LIMITS.scanBurst; i++) {
        last = await limitedStream('c1', 'scan', new AbortController().signal, async () => streamOf(['x']))
        statuses.push(last.status)
        if (last.status === 200) await last.text()
      }
    })
    expect(statuses.slice(0, DEFAULT_LIMITS.scanBurst).every((s) => s === 200)).toBe(true)
    expect(last?.status).toBe(429)
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0)
    const body = (await last?.json()) as { error: { code: string; message: string } }
    expect(body.error.code).toBe('rate_limited')
    expect(body.error.message).toMatch(/Too many scans/)
  })

  it('bounds replay jobs per cluster and frees the slot on release', async () => {
    const held = []
    for (let i = 0; i < DEFAULT_LIMITS.replaysPerCluster; i++) held.push(await acquireReplaySlot('c2'))
    await expect(acquireReplaySlot('c2')).rejects.toBeInstanceOf(RateLimitError)
    await expect(acquireReplaySlot('c3')).resolves.toBeTypeOf('function')
    held[0]?.()
    await expect(acquireReplaySlot('c2')).resolves.toBeTypeOf('function')
  })

  it('frees the slot when starting the stream fails', async () => {
    for (let i = 0; i < DEFAULT_LIMITS.scansPerCluster + 1; i++) {
      await runWithPrincipal({ name: `u${i}`, roles: [] }, undefined, () =>
        expect(
          limitedStream('c4', 'scan', new AbortController().signal, async () => {
            throw new Error('boom')
          }),
        ).rejects.toThrow('boom'),
      )
    }
  })
})
