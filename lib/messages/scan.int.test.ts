import { Admin as PltAdmin } from '@platformatic/kafka'
import type { Producer } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { GET } from '@/app/api/clusters/[clusterId]/topics/[topic]/messages/route'
import { ApiError } from '@/lib/errors'
import { closeAllClients } from '@/lib/kafka/client'
import { runKafkaTool } from '../../scripts/kafka/broker'
import { createTopicsAndWait, testKafka, uniqueName, useTestCluster } from '../../test/test-cluster'
import { type ScanEvent, scanMessages } from './scan/scan-messages'
import { toScanQuery } from './scan-query'
import { type DecodedMessage, SCAN_DEFAULTS, type ScanProgress, type ScanRequest } from './types'

// Every scan is checked against the records the test wrote (and, for times, against Kafka's GetOffsetShell).

const topic = uniqueName('browse') // 3 partitions × 10 keyed JSON records with a header
const binary = uniqueName('browse-bin') // 1 partition: a binary record, then a text one
const group = uniqueName('browse-g') // committed p0 → 3, p1 → 7, nothing on p2
const PER_PARTITION = 10
const base = Date.now() - 60_000 // record i of every partition is stamped base + i s

let producer: Producer

type Rec = { partition: number; offset: number; key: string; value: { p: number; i: number; amount: number } }
const records: Rec[] = []
for (let p = 0; p < 3; p++) {
  for (let i = 0; i < PER_PARTITION; i++) {
    records.push({ partition: p, offset: i, key: `k-${p}-${i}`, value: { p, i, amount: i * 10 } })
  }
}

beforeAll(async () => {
  useTestCluster()
  const kafka = testKafka()
  producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 })
  await producer.connect()
  await createTopicsAndWait(inject('kafkaBootstrap').split(','), [
    { topic, numPartitions: 3 },
    { topic: binary, numPartitions: 1 },
  ])
  for (let p = 0; p < 3; p++) {
    await producer.send({
      topic,
      acks: -1,
      messages: records
        .filter((r) => r.partition === p)
        .map((r) => ({
          partition: p,
          key: r.key,
          value: JSON.stringify(r.value),
          headers: { trace: `t-${p}-${r.offset}` },
          timestamp: String(base + r.offset * 1_000),
        })),
    })
  }
  await producer.send({
    topic: binary,
    acks: -1,
    messages: [
      { partition: 0, value: Buffer.from([0xff, 0xfe, 0x00, 0x01]) },
      { partition: 0, value: 'plain' },
    ],
  })
  const plt = new PltAdmin({ clientId: 'ferry-test', bootstrapBrokers: inject('kafkaBootstrap').split(',') })
  await plt.alterConsumerGroupOffsets({
    groupId: group,
    topics: [
      {
        name: topic,
        partitionOffsets: [
          { partition: 0, offset: 3n },
          { partition: 1, offset: 7n },
        ],
      },
    ],
  })
  await plt.close()
}, 60_000)

afterAll(async () => {
  await producer?.disconnect()
  await closeAllClients()
})

function req(partial: Partial<ScanRequest>): ScanRequest {
  return {
    start: { from: 'oldest' },
    direction: 'forward',
    limit: SCAN_DEFAULTS.limit,
    maxScan: SCAN_DEFAULTS.maxScan,
    maxMs: 20_000,
    ...partial,
  }
}

async function collect(events: AsyncGenerator<ScanEvent>) {
  const messages: DecodedMessage[] = []
  let last: ScanProgress | undefined
  for await (const e of events) {
    if (e.type === 'messages') messages.push(...e.messages)
    else last = e.progress
  }
  return { messages, progress: last as ScanProgress }
}

const scan = (partial: Partial<ScanRequest>, t = topic, signal?: AbortSignal) =>
  collect(scanMessages('test', t, req(partial), signal))
const ids = (ms: DecodedMessage[]) => ms.map((m) => `${m.partition}:${m.offset}`)
const sortedIds = (ms: DecodedMessage[]) => ids(ms).sort()
const idsOf = (rs: Rec[]) => rs.map((r) => `${r.partition}:${r.offset}`).sort()

describe('scan starts', () => {
  it('oldest, forward: every record with key, JSON value and header, then stops at the end', async () => {
    const { messages, progress } = await scan({})
    expect(sortedIds(messages)).toEqual(idsOf(records))
    const m = messages.find((x) => x.partition === 2 && x.offset === '4')
    expect(m).toMatchObject({
      key: { format: 'text', text: 'k-2-4' },
      value: { format: 'json', json: { p: 2, i: 4, amount: 40 } },
      headers: [{ key: 'trace', value: { format: 'text', text: 't-2-4' } }],
      timestamp: base + 4_000,
      timestampType: 'CreateTime',
    })
    expect(progress).toMatchObject({ done: true, stopReason: 'end', scanned: 30, matched: 30 })
    expect(progress.positions).toEqual([0, 1, 2].map((p) => ({ partition: p, offset: '10', end: '10' })))
  })

  it('newest: the last N of one partition, newest first', async () => {
    const { messages, progress } = await scan({
      start: { from: 'newest' },
      direction: 'backward',
      limit: 5,
      partitions: [1],
    })
    expect(ids(messages)).toEqual(['1:9', '1:8', '1:7', '1:6', '1:5'])
    expect(progress.stopReason).toBe('limit')
  })

  it('newest across partitions: merged newest first by time', async () => {
    const { messages } = await scan({ start: { from: 'newest' }, direction: 'backward', limit: 6 })
    expect(ids(messages)).toEqual(['0:9', '1:9', '2:9', '0:8', '1:8', '2:8'])
  })

  it('from an offset, forward and backward', async () => {
    expect(ids((await scan({ start: { from: 'offset', offset: '7' }, partitions: [2] })).messages)).toEqual([
      '2:7',
      '2:8',
      '2:9',
    ])
    const back = await scan({ start: { from: 'offset', offset: '2' }, direction: 'backward', partitions: [0] })
    expect(ids(back.messages)).toEqual(['0:2', '0:1', '0:0'])
    expect(back.progress.stopReason).toBe('end')
  })

  it('from a time: the same first offsets as GetOffsetShell', async () => {
    const at = base + 4_500
    const cli = runKafkaTool(inject('kafkaLibs'), 'org.apache.kafka.tools.GetOffsetShell', [
      '--bootstrap-server',
      inject('kafkaBootstrap'),
      '--topic',
      topic,
      '--time',
      String(at),
    ])
    const expected = new Map(
      cli
        .trim()
        .split('\n')
        .map((l) => l.split(':'))
        .map(([, p, o]) => [Number(p), o] as const),
    )
    expect([...expected.values()]).toEqual(['5', '5', '5'])
    const { messages } = await scan({ start: { from: 'timestamp', timestamp: at } })
    for (const p of [0, 1, 2]) {
      expect(messages.find((m) => m.partition === p)?.offset).toBe(expected.get(p))
    }
    expect(messages).toHaveLength(15)
  })

  it("from a group's committed offsets (none committed: the end)", async () => {
    const { messages } = await scan({ start: { from: 'group', groupId: group } })
    expect(sortedIds(messages)).toEqual(
      idsOf(records.filter((r) => (r.partition === 0 && r.offset >= 3) || (r.partition === 1 && r.offset >= 7))),
    )
  })
})

describe('filters and bounds', () => {
  it('CEL matches exactly the expected records', async () => {
    const cel =
      '(value.amount >= 80 && headers["trace"].endsWith("-9")) || key == "k-1-0" || partition == 2 && offset == 3'
    const { messages, progress } = await scan({ filter: { cel } })
    const expected = records.filter(
      (r) => (r.value.amount >= 80 && r.offset === 9) || r.key === 'k-1-0' || (r.partition === 2 && r.offset === 3),
    )
    expect(sortedIds(messages)).toEqual(idsOf(expected))
    expect(progress).toMatchObject({ scanned: 30, matched: expected.length, filterErrors: 0 })
  })

  it('CEL evaluation errors are counted as non-matches', async () => {
    const { messages, progress } = await scan({ filter: { cel: 'value.nope == 1' } })
    expect(messages).toHaveLength(0)
    expect(progress.filterErrors).toBe(30)
  })

  it('contains matches key, value and header text, case-insensitively', async () => {
    expect(ids((await scan({ filter: { contains: 'T-2-5' } })).messages)).toEqual(['2:5'])
    expect(ids((await scan({ filter: { contains: 'k-0-7' } })).messages)).toEqual(['0:7'])
    expect((await scan({ filter: { contains: '"amount":90' } })).messages).toHaveLength(3)
  })

  it('a bad CEL expression fails with its position before anything is read', () => {
    let error: unknown
    try {
      scanMessages('test', topic, req({ filter: { cel: 'value.amount >' } }))
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ code: 'invalid_input', details: { position: 14 } })
  })

  it('limit and maxScan stop with their reason', async () => {
    const limited = await scan({ limit: 5, partitions: [0] })
    expect(ids(limited.messages)).toEqual(['0:0', '0:1', '0:2', '0:3', '0:4'])
    expect(limited.progress).toMatchObject({ stopReason: 'limit', matched: 5, scanned: 5 })
    const bounded = await scan({ maxScan: 7, filter: { cel: 'false' } })
    expect(bounded.progress).toMatchObject({ stopReason: 'maxScan', matched: 0, scanned: 7 })
  })

  it('cancel stops the scan', async () => {
    const controller = new AbortController()
    controller.abort()
    const { messages, progress } = await scan({}, topic, controller.signal)
    expect(messages).toHaveLength(0)
    expect(progress).toMatchObject({ done: true, stopReason: 'cancelled' })
  })

  it('an unknown partition or topic is refused', async () => {
    await expect(scan({ partitions: [7] })).rejects.toMatchObject({ code: 'invalid_input' })
    await expect(scan({}, uniqueName('no-such-topic'))).rejects.toMatchObject({ code: 'not_found' })
  })
})

describe('undecodable records', () => {
  it('come back as bytes with a reason', async () => {
    const { messages } = await scan({ valueFormat: 'json' }, binary)
    expect(messages).toHaveLength(2)
    expect(messages[0]?.value).toMatchObject({ format: 'hex', text: 'fffe0001', base64: '//4AAQ==' })
    expect(messages[0]?.value.error).toMatch(/UTF-8/)
    expect(messages[1]?.value).toMatchObject({ format: 'text', text: 'plain' })
    const auto = await scan({}, binary)
    expect(auto.messages[0]?.value).toMatchObject({ format: 'hex', text: 'fffe0001' })
    expect(auto.messages[0]?.key).toMatchObject({ format: 'null' })
  })
})

describe('SSE route', () => {
  const call = (query: URLSearchParams, accept = 'text/event-stream') =>
    GET(new Request(`http://ferry.test/api/clusters/test/topics/${topic}/messages?${query}`, { headers: { accept } }), {
      params: Promise.resolve({ clusterId: 'test', topic }),
    })

  it('streams messages and progress, and ends with done', async () => {
    const res = await call(toScanQuery(req({ partitions: [0], limit: 3 })))
    expect(res.headers.get('content-type')).toContain('text/event-stream')
    const text = await res.text()
    const events = text
      .trim()
      .split('\n\n')
      .map((block) => {
        const [event, data] = block.split('\n')
        return { event: event?.slice('event: '.length), data: JSON.parse(data?.slice('data: '.length) ?? 'null') }
      })
    expect(events.filter((e) => e.event === 'message').flatMap((e) => ids(e.data))).toEqual(['0:0', '0:1', '0:2'])
    expect(events.at(-1)).toMatchObject({ event: 'done', data: { done: true, stopReason: 'limit' } })
  })

  it('a bad filter is an error event for EventSource clients, a 422 for others', async () => {
    const query = toScanQuery(req({ filter: { cel: '1 +' } }))
    const sse = await (await call(query)).text()
    expect(sse).toMatch(/^event: error\ndata: .*"invalid_input"/)
    const plain = await call(query, 'application/json')
    expect(plain.status).toBe(422)
    expect((await plain.json()).error.details).toMatchObject({ position: 3 })
  })
})
