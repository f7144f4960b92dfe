import type { Producer } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { GET } from '@/app/api/clusters/[clusterId]/topics/[topic]/messages/tail/route'
import { ApiError } from '@/lib/errors'
import { closeAllClients } from '@/lib/kafka/client'
import { until } from '../../test/consumer-group-cli'
import { createTopicsAndWait, testKafka, uniqueName, useTestCluster } from '../../test/test-cluster'
import { type TailEvent, tailMessages } from './tail/tail-messages'
import { toTailQuery } from './tail/tail-query'
import { TAIL_LIMITS, type TailProgress, type TailRequest } from './tail/types'
import type { DecodedMessage } from './types'

// Records written before a tail starts are never shown; records written after it are, when they match.

const topic = uniqueName('tail') // 3 partitions, 6 "old" records before any tail starts
const grow = uniqueName('tail-grow') // 1 partition, grown to 2 while tailed

let producer: Producer

const req = (partial: Partial<TailRequest> = {}): TailRequest => ({ maxMs: 30_000, ...partial })

/** Drains a tail in the background into `messages` / `progress`; `finished` resolves when the generator ends. */
function drain(events: AsyncGenerator<TailEvent>) {
  const seen = { messages: [] as DecodedMessage[], progress: [] as TailProgress[] }
  const finished = (async () => {
    for await (const e of events) {
      if (e.type === 'messages') seen.messages.push(...e.messages)
      else seen.progress.push(e.progress)
    }
  })()
  return { seen, finished, last: () => seen.progress.at(-1) }
}

const payloadOf = (m: DecodedMessage) => m.value.json as { phase: string; n: number }

beforeAll(async () => {
  useTestCluster()
  producer = testKafka().producer({ idempotent: true, maxInFlightRequests: 1 })
  await producer.connect()
  await createTopicsAndWait(inject('kafkaBootstrap').split(','), [
    { topic, numPartitions: 3 },
    { topic: grow, numPartitions: 1 },
  ])
  await producer.send({
    topic,
    acks: -1,
    messages: [0, 1, 2, 3, 4, 5].map((n) => ({ partition: n % 3, value: JSON.stringify({ phase: 'old', n }) })),
  })
}, 60_000)

afterAll(async () => {
  await producer?.disconnect()
  await closeAllClients()
})

describe('tailMessages', () => {
  it('sends exactly the new records that match the CEL filter, none of the older ones', async () => {
    const abort = new AbortController()
    const tail = drain(
      tailMessages('test', topic, req({ filter: { cel: 'value.even && headers["kind"] == "new"' } }), abort.signal),
    )
    // The first progress comes once every partition's start (its end now) is known.
    await until(
      'tail started',
      () => tail.seen.progress.length,
      (n) => n > 0,
      10_000,
    )
    await producer.send({
      topic,
      acks: -1,
      messages: Array.from({ length: 12 }, (_, n) => ({
        partition: n % 3,
        key: `k${n}`,
        value: JSON.stringify({ phase: 'new', n, even: n % 2 === 0 }),
        headers: { kind: 'new' },
      })),
    })
    await until(
      'all new records read',
      () => tail.last()?.scanned,
      (s) => s === 12,
      10_000,
    )
    abort.abort()
    await tail.finished
    const got = tail.seen.messages.map(payloadOf)
    expect(got.every((v) => v.phase === 'new')).toBe(true)
    expect(got.map((v) => v.n).sort((a, b) => a - b)).toEqual([0, 2, 4, 6, 8, 10])
    expect(tail.last()).toMatchObject({ done: true, stopReason: 'cancelled', scanned: 12, matched: 6, skipped: 0 })
    expect(tail.seen.messages[0]?.value.base64).not.toBe('')
  }, 30_000)

  it('stops soon after the reader goes away, even on an idle topic (the broker-side wait is bounded)', async () => {
    const abort = new AbortController()
    const tail = drain(tailMessages('test', topic, req({ partitions: [1] }), abort.signal))
    await until(
      'tail started',
      () => tail.seen.progress.length,
      (n) => n > 0,
      10_000,
    )
    // Idle: heartbeats keep coming while nothing is produced.
    await until(
      'heartbeats',
      () => tail.seen.progress.length,
      (n) => n >= 3,
      10_000,
    )
    const t0 = Date.now()
    abort.abort()
    await tail.finished
    expect(Date.now() - t0).toBeLessThan(2_000)
    expect(tail.last()).toMatchObject({ done: true, stopReason: 'cancelled', scanned: 0, partitions: 1 })
  }, 20_000)

  it('ends at its duration cap', async () => {
    const tail = drain(tailMessages('test', topic, req({ maxMs: 1_200 })))
    await tail.finished
    expect(tail.last()).toMatchObject({ done: true, stopReason: 'maxMs' })
  }, 10_000)

  it('picks up a partition added while tailing, from its first record', async () => {
    const abort = new AbortController()
    const tail = drain(tailMessages('test', grow, req(), abort.signal))
    await until(
      'tail started',
      () => tail.seen.progress.length,
      (n) => n > 0,
      10_000,
    )
    const admin = testKafka().admin()
    await admin.connect()
    try {
      await admin.createPartitions({ topicPartitions: [{ topic: grow, count: 2 }] })
    } finally {
      await admin.disconnect()
    }
    await until(
      'partition 1 is writable',
      () =>
        producer
          .send({ topic: grow, acks: -1, messages: [{ partition: 1, value: JSON.stringify({ phase: 'new', n: 1 }) }] })
          .then(
            () => true,
            () => false,
          ),
      (ok) => ok,
      10_000,
    )
    await until(
      'record of the new partition',
      () => tail.seen.messages.length,
      (n) => n >= 1,
      15_000,
    )
    abort.abort()
    await tail.finished
    expect(tail.seen.messages.map((m) => [m.partition, m.offset])).toEqual([[1, '0']])
    expect(tail.last()).toMatchObject({ partitions: 2 })
  }, 30_000)

  it('sends at most the rate cap and counts the rest as skipped, never buffering them', async () => {
    const abort = new AbortController()
    const tail = drain(
      tailMessages('test', topic, req({ partitions: [0], filter: { contains: 'burst' } }), abort.signal),
    )
    await until(
      'tail started',
      () => tail.seen.progress.length,
      (n) => n > 0,
      10_000,
    )
    const burst = 3 * TAIL_LIMITS.sendPerSec
    await producer.send({
      topic,
      acks: -1,
      messages: Array.from({ length: burst }, (_, n) => ({ partition: 0, value: `burst ${n}` })),
    })
    await until(
      'burst read',
      () => tail.last()?.scanned,
      (s) => s === burst,
      10_000,
    )
    abort.abort()
    await tail.finished
    const last = tail.last()
    expect(last?.matched).toBe(tail.seen.messages.length)
    expect((last?.matched ?? 0) + (last?.skipped ?? 0)).toBe(burst)
    expect(last?.matched).toBeGreaterThanOrEqual(TAIL_LIMITS.sendPerSec)
    expect(last?.skipped).toBeGreaterThan(0)
  }, 20_000)

  it('refuses a bad filter and an unknown partition before reading', async () => {
    expect(() => tailMessages('test', topic, req({ filter: { cel: 'value.n >' } }))).toThrow(ApiError)
    await expect(tailMessages('test', topic, req({ partitions: [7] })).next()).rejects.toMatchObject({
      code: 'invalid_input',
    })
  })
})

describe('tail SSE route', () => {
  const call = (query: URLSearchParams, signal?: AbortSignal, accept = 'text/event-stream') =>
    GET(
      new Request(`http://ferry.test/api/clusters/test/topics/${topic}/messages/tail?${query}`, {
        headers: { accept },
        signal,
      }),
      { params: Promise.resolve({ clusterId: 'test', topic }) },
    )

  it('streams progress, then the new matching records as message events, until the client goes away', async () => {
    const abort = new AbortController()
    const res = await call(toTailQuery(req({ filter: { contains: 'route-marker' } })), abort.signal)
    expect(res.headers.get('content-type')).toContain('text/event-stream')
    const reader = (res.body as ReadableStream<Uint8Array>).getReader()
    const decoder = new TextDecoder()
    let text = ''
    const readUntil = async (pattern: RegExp) => {
      while (!pattern.test(text)) {
        const { value, done } = await reader.read()
        if (done) throw new Error(`stream ended before ${pattern}: ${text}`)
        text += decoder.decode(value, { stream: true })
      }
    }
    await readUntil(/^event: progress\n/)
    await producer.send({
      topic,
      acks: -1,
      messages: [
        { partition: 0, value: 'not this one' },
        { partition: 2, value: 'route-marker here' },
      ],
    })
    await readUntil(/event: message\ndata: .*route-marker here/)
    expect(text).not.toContain('not this one')
    abort.abort()
    await reader.cancel()
  }, 20_000)

  it('a bad filter is an error event for EventSource clients, a 422 for others', async () => {
    const query = toTailQuery(req({ filter: { cel: '1 +' } }))
    expect(await (await call(query)).text()).toMatch(/^event: error\ndata: .*"invalid_input"/)
    const plain = await call(query, undefined, 'application/json')
    expect(plain.status).toBe(422)
    const capped = await call(new URLSearchParams({ maxMs: String(24 * 3_600_000) }), undefined, 'application/json')
    expect(capped.status).toBe(422)
  })
})
