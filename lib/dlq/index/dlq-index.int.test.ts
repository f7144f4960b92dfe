import type { KafkaMessage, Message, Producer } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { replaceConfig } from '@/lib/config'
import { FerryConfigSchema } from '@/lib/config/schema'
import { closeAllClients } from '@/lib/kafka/client'
import { connectDeadLetter, jsonEnvelopeDeadLetter, springDeadLetter } from '../../../scripts/demo/dead-letters'
import type { EventProblem } from '../../../scripts/demo/validate-events'
import { runKafkaTool } from '../../../scripts/kafka/broker'
import { createTopicsAndWait, testKafka, uniqueName } from '../../../test/test-cluster'
import type { DlqDashboard } from '../api-types'
import { getDlqDashboard } from '../dashboard/get-dlq-dashboard'
import { getDeadLetterDetail } from '../explorer/get-dead-letter-detail'
import { listDeadLetters } from '../explorer/list-dead-letters'
import { deadLetterRowsByCoordinates, matchingDeadLetters } from '../explorer/matching-dead-letters'
import { type ResolutionRecord, resolutionKeyOf } from '../resolutions/types'
import { dlqIndexOf } from './dlq-index'

// Spring, Connect and envelope dead letters (the demo's own builders) in this test's own topics, indexed from the
// real broker: dashboard counts, statuses from resolution records, incremental catch-up, explorer and detail.

const prefix = `_ferry.${uniqueName('dlqidx')}.`
const payments = uniqueName('dlqidx-payments')
const inventory = uniqueName('dlqidx-inventory')
const orders = uniqueName('dlqidx-orders')
const springDlq = `${payments}.DLT`
const connectDlq = `dlq-${inventory}`
const envelopeDlq = `${orders}.dlq`
/** No DLQ name: found by its records' headers. */
const headerDlq = uniqueName('dlqidx-failures')
const resolutionsTopic = `${prefix}dlq-resolutions`
const GROUP = 'fraud-detector'
const CLUSTER = 'test'

const original = (offset: string, value: string): KafkaMessage => ({
  key: Buffer.from(`k-${offset}`),
  value: Buffer.from(value),
  timestamp: String(Date.now() - 60_000),
  attributes: 0,
  offset,
  headers: {},
})
const negative: EventProblem = { code: 'negative-amount', message: 'amount must be positive', parsed: {} }
const currency = (c: string): EventProblem => ({
  code: 'unsupported-currency',
  message: `Currency ${c} is not supported`,
  parsed: {},
})
const springOf = (offset: number, problem: EventProblem, partition = offset % 2): Message =>
  springDeadLetter(
    { topic: payments, partition, message: original(String(offset), `{"paymentId":"P-${offset}","amount":-5}`) },
    problem,
    GROUP,
  ).message

let producer: Producer
const send = (topic: string, messages: Message[]) => producer.send({ topic, acks: -1, messages })

async function dashboardWhen(ok: (d: DlqDashboard) => boolean, timeoutMs = 20_000): Promise<DlqDashboard> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const d = await getDlqDashboard(CLUSTER)
    if (ok(d)) return d
    if (Date.now() > deadline) throw new Error(`dashboard never matched: ${JSON.stringify(d.topics.filter(mine))}`)
    await new Promise((r) => setTimeout(r, 300))
  }
}
const mine = (t: { topic: string }) => [springDlq, connectDlq, envelopeDlq, headerDlq].includes(t.topic)
const topicOf = (d: DlqDashboard, topic: string) => d.topics.find((t) => t.topic === topic)

beforeAll(async () => {
  const bootstrap = inject('kafkaBootstrap')
  replaceConfig({
    source: 'test',
    config: FerryConfigSchema.parse({
      clusters: [{ id: CLUSTER, brokers: bootstrap.split(',') }],
      stateTopicPrefix: prefix,
    }),
  })
  await createTopicsAndWait(bootstrap.split(','), [
    { topic: payments, numPartitions: 2 },
    { topic: springDlq, numPartitions: 2 },
    { topic: connectDlq, numPartitions: 1 },
    { topic: envelopeDlq, numPartitions: 1 },
    { topic: headerDlq, numPartitions: 1 },
    { topic: resolutionsTopic, numPartitions: 3, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] },
  ])
  producer = testKafka().producer({ idempotent: true, maxInFlightRequests: 1 })
  await producer.connect()
  // The source topic holds offsets 0..3 of each partition, so early dead letters link to records that exist.
  await send(
    payments,
    [0, 1, 2, 3].flatMap((i) => [0, 1].map((partition) => ({ partition, value: `{"i":${i}}` }))),
  )
  await send(springDlq, [
    springOf(0, negative),
    springOf(1, negative),
    springOf(2, negative),
    springOf(3, currency('XAU')),
    springOf(4, currency('XAG')),
    springOf(5, currency('BTC')),
  ])
  const malformed: EventProblem = { code: 'malformed-json', message: 'Unexpected token', parsed: null, position: 3 }
  await send(
    connectDlq,
    [10, 11, 12].map(
      (o) =>
        connectDeadLetter({ topic: inventory, partition: 0, message: original(String(o), '{"a",}') }, malformed)
          .message,
    ),
  )
  const missing: EventProblem = {
    code: 'missing-customer',
    message: 'Order O-1 has no customerId',
    parsed: { orderId: 'O-1' },
  }
  await send(
    envelopeDlq,
    [20, 21].map(
      (o) =>
        jsonEnvelopeDeadLetter(
          { topic: orders, partition: 0, message: original(String(o), '{"orderId":"O-1"}') },
          missing,
          GROUP,
        ).message,
    ),
  )
  await send(headerDlq, [springOf(30, negative, 0), springOf(31, negative, 0)])
}, 60_000)

afterAll(async () => {
  await producer?.disconnect()
  await closeAllClients()
})

describe('DLQ index and dashboard', () => {
  let first: DlqDashboard

  it('counts every DLQ by topic, source and error, as Kafka has them (GetOffsetShell end offsets)', async () => {
    first = await dashboardWhen(
      (d) =>
        topicOf(d, springDlq)?.total === 6 &&
        topicOf(d, connectDlq)?.total === 3 &&
        topicOf(d, envelopeDlq)?.total === 2 &&
        topicOf(d, headerDlq)?.total === 2,
    )
    const spring = topicOf(first, springDlq)
    expect(spring).toMatchObject({
      convention: 'dot-DLT',
      sourceTopics: [payments],
      partitions: 2,
      pending: 6,
      replayed: 0,
    })
    expect(spring?.inflowLastHour).toBe(6)
    expect(topicOf(first, connectDlq)).toMatchObject({ convention: 'dlq-prefix', sourceTopics: [inventory] })
    expect(topicOf(first, envelopeDlq)).toMatchObject({ convention: 'dot-dlq', sourceTopics: [orders] })
    expect(topicOf(first, headerDlq)).toMatchObject({ convention: 'headers', sourceTopics: [payments] })
    // By source: the Spring DLQ and the header-detected one both name `payments`.
    expect(first.bySource.find((s) => s.sourceTopic === payments)).toEqual({
      sourceTopic: payments,
      total: 8,
      pending: 8,
    })
    // By error: the three unsupported currencies are one bug (same trace, the message normalised).
    const springGroups = first.byError.filter((g) => g.topics.includes(springDlq))
    expect(springGroups).toHaveLength(2)
    // Groups are cluster-wide (other test files on this broker write the same demo bugs): count ours.
    const ours = await Promise.all(
      springGroups.map(async (g) => ({
        topics: g.topics.filter((topic) => mine({ topic })),
        inSpring: (await listDeadLetters(CLUSTER, { fingerprint: g.fingerprint, topic: springDlq }, 1)).totalMatching,
      })),
    )
    expect(ours.map((o) => o.inSpring).sort()).toEqual([3, 3])
    expect(ours.map((o) => o.topics.sort())).toContainEqual([springDlq, headerDlq].sort())
    const hours = first.hourly
    expect(hours).toHaveLength(168)
    expect(hours[hours.length - 1]?.inflow).toBeGreaterThanOrEqual(13)
    expect(first.state.resolutions).toEqual({ ok: true, topic: resolutionsTopic })

    const ends = runKafkaTool(inject('kafkaLibs'), 'org.apache.kafka.tools.GetOffsetShell', [
      '--bootstrap-server',
      inject('kafkaBootstrap'),
      '--topic',
      springDlq,
      '--time',
      '-1',
    ])
      .trim()
      .split('\n')
      .reduce((sum, line) => sum + Number(line.split(':')[2]), 0)
    expect(spring?.total).toBe(ends)
  })

  it('reads statuses from the resolutions topic: replayed, discarded, and back to pending on a tombstone', async () => {
    const resolution = (status: 'replayed' | 'discarded', offset: string, partition: number) => ({
      key: resolutionKeyOf({ dlqTopic: springDlq, partition, offset }),
      value: JSON.stringify({
        clusterId: CLUSTER,
        status,
        at: new Date().toISOString(),
        by: 'test',
        replayCount: status === 'replayed' ? 1 : 0,
      } satisfies ResolutionRecord),
    })
    await send(resolutionsTopic, [
      resolution('replayed', '0', 0),
      resolution('discarded', '0', 1),
      resolution('replayed', '1', 0),
    ])
    let d = await dashboardWhen((x) => topicOf(x, springDlq)?.pending === 3)
    expect(topicOf(d, springDlq)).toMatchObject({ total: 6, pending: 3, replayed: 2, discarded: 1, outflowLastHour: 3 })
    expect(d.hourly[d.hourly.length - 1]?.outflow).toBeGreaterThanOrEqual(3)
    // A tombstone: back to pending.
    await send(resolutionsTopic, [
      { key: resolutionKeyOf({ dlqTopic: springDlq, partition: 0, offset: '1' }), value: null },
    ])
    d = await dashboardWhen((x) => topicOf(x, springDlq)?.pending === 4)
    expect(topicOf(d, springDlq)).toMatchObject({ pending: 4, replayed: 1, discarded: 1 })
    const page = await listDeadLetters(CLUSTER, { topic: springDlq, status: 'replayed' }, 10)
    expect(page.rows.map((r) => [r.partition, r.offset, r.status, r.replayCount])).toEqual([[0, '0', 'replayed', 1]])
  })

  it('catches up incrementally: new dead letters are read, nothing is read twice', async () => {
    const index = dlqIndexOf(CLUSTER)
    const before = index.stats.recordsRead
    const beforeLen = index.topics.get(springDlq)?.partitions.reduce((n, p) => n + p.columns.length, 0)
    await send(springDlq, [springOf(6, negative), springOf(7, negative), springOf(8, negative)])
    const d = await dashboardWhen((x) => topicOf(x, springDlq)?.total === 9)
    expect(topicOf(d, springDlq)?.pending).toBe(7)
    const after = index.topics.get(springDlq)?.partitions.reduce((n, p) => n + p.columns.length, 0)
    expect((after ?? 0) - (beforeLen ?? 0)).toBe(3)
    // Other test files may write DLQs on this broker meanwhile; a re-scan would read at least our 13 again.
    expect(index.stats.recordsRead - before).toBeGreaterThanOrEqual(3)
    expect(index.stats.recordsRead - before).toBeLessThan(3 + 13)
    expect(d.indexing.complete).toBe(true)
  })

  it('lists and filters dead letters newest first, with CEL, and resolves a query to coordinates', async () => {
    const all = await listDeadLetters(CLUSTER, { topic: springDlq }, 4)
    expect(all.totalMatching).toBe(9)
    expect(all.rows).toHaveLength(4)
    const times = all.rows.map((r) => r.timestamp)
    expect([...times].sort().reverse()).toEqual(times)
    const next = await listDeadLetters(CLUSTER, { topic: springDlq }, 10, all.nextCursor)
    expect(next.rows).toHaveLength(5)
    expect(new Set([...all.rows, ...next.rows].map((r) => `${r.partition}/${r.offset}`)).size).toBe(9)
    expect(next.nextCursor).toBeUndefined()

    const currencyRows = await listDeadLetters(CLUSTER, { text: 'UnsupportedCurrency' }, 50)
    expect(currencyRows.totalMatching).toBe(3)
    expect(currencyRows.rows[0]?.error.type).toBe('org.springframework.kafka.listener.ListenerExecutionFailedException')
    const bySource = await listDeadLetters(CLUSTER, { sourceTopic: payments, status: 'pending' }, 50)
    expect(bySource.totalMatching).toBe(7 + 2)
    const fp = currencyRows.rows[0]?.error.fingerprint as string
    expect((await listDeadLetters(CLUSTER, { fingerprint: fp }, 50)).totalMatching).toBe(3)
    expect(
      (
        await listDeadLetters(
          CLUSTER,
          { topic: connectDlq, errorType: 'org.apache.kafka.connect.errors.DataException' },
          50,
        )
      ).totalMatching,
    ).toBe(3)
    expect(
      (await listDeadLetters(CLUSTER, { topic: springDlq, from: String(Date.now() + 60_000) }, 50)).totalMatching,
    ).toBe(0)

    const cel = await listDeadLetters(CLUSTER, { topic: springDlq, cel: 'value.paymentId in ["P-4", "P-7"]' }, 50)
    expect(cel.rows.map((r) => r.source.offset).sort()).toEqual(['4', '7'])
    expect(cel.cel).toMatchObject({ examined: 9, capped: false })

    const coords = await matchingDeadLetters(CLUSTER, springDlq, { status: 'pending', cel: 'value.amount < 0' })
    expect(coords).toHaveLength(7)
    const rows = await deadLetterRowsByCoordinates(CLUSTER, springDlq, coords.slice(0, 2))
    expect(rows.map((r) => r.status)).toEqual(['pending', 'pending'])
    await expect(listDeadLetters(CLUSTER, { cel: 'value.' }, 10)).rejects.toMatchObject({ code: 'invalid_input' })
  })

  it('shows one dead letter decoded, with metadata, original value and whether its source record exists', async () => {
    const [row] = (await listDeadLetters(CLUSTER, { topic: springDlq, cel: 'value.paymentId == "P-3"' }, 1)).rows
    const spring = await getDeadLetterDetail(CLUSTER, springDlq, row?.partition ?? 0, row?.offset ?? '0')
    expect(spring.metadata).toMatchObject({ style: 'spring', source: { topic: payments, offset: '3' } })
    expect(spring.sourceLink).toEqual({ topic: payments, partition: 1, offset: '3', exists: true })
    expect(spring.originalValue).toEqual({ paymentId: 'P-3', amount: -5 })
    expect(spring.row.key).toBe('k-3')
    // The row's message is the record's own (the index keeps one normalised sample per error group).
    expect(spring.row.error.message).toContain('Currency XAU is not supported')
    const late = (await listDeadLetters(CLUSTER, { topic: springDlq, cel: 'value.paymentId == "P-8"' }, 1)).rows[0]
    const gone = await getDeadLetterDetail(CLUSTER, springDlq, late?.partition ?? 0, late?.offset ?? '0')
    expect(gone.sourceLink?.exists).toBe(false) // source offset 8: the source partition ends at 4
    const [env] = (await listDeadLetters(CLUSTER, { topic: envelopeDlq }, 1)).rows
    const envelope = await getDeadLetterDetail(CLUSTER, envelopeDlq, 0, env?.offset ?? '0')
    expect(envelope.metadata.style).toBe('envelope')
    expect(envelope.originalValue).toEqual({ orderId: 'O-1' })
    await expect(getDeadLetterDetail(CLUSTER, springDlq, 0, '999')).rejects.toMatchObject({ code: 'not_found' })
  })
})
