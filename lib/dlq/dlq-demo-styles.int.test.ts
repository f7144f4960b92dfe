import type { IHeaders, KafkaMessage, Producer } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { closeAllClients } from '@/lib/kafka/client'
import { type ScanEvent, scanMessages } from '@/lib/messages/scan/scan-messages'
import type { DecodedMessage } from '@/lib/messages/types'
import {
  connectDeadLetter,
  type DeadLetter,
  INVENTORY_CONNECTOR,
  jsonEnvelopeDeadLetter,
  springDeadLetter,
} from '../../scripts/demo/dead-letters'
import { createTopicsAndWait, testKafka, uniqueName, useTestCluster } from '../../test/test-cluster'
import { deadLetterMetadataOf } from './dead-letter-of-message'
import { dlqTopicMatchOf } from './detect-dlq-topic'

// The demo's three dead-letter styles, written by the demo's own builders, read back through the scan engine (raw
// header bytes as base64) and parsed: what the console will show for real Spring, Connect and Node services.

const payments = uniqueName('dlqit-payments')
const inventory = uniqueName('dlqit-inventory')
const orders = uniqueName('dlqit-orders')
const connectDlq = `dlq-${uniqueName('inv-connector')}`
const GROUP = 'fraud-detector'
// Beyond 2^53: Spring's int64 header must survive exactly.
const SPRING_OFFSET = '9007199254740993'
const ORIGINAL_TS = 1_767_000_000_123
const NOW = Date.parse('2026-03-04T05:06:07.000Z')

const original = (offset: string, value: string, headers: IHeaders = {}): KafkaMessage => ({
  key: Buffer.from('k-1'),
  value: Buffer.from(value),
  timestamp: String(ORIGINAL_TS),
  attributes: 0,
  offset,
  headers,
})

const spring = springDeadLetter(
  { topic: payments, partition: 2, message: original(SPRING_OFFSET, '{"paymentId":"P-1","amount":-5}') },
  { code: 'negative-amount', message: 'amount must be positive but was -5', parsed: { paymentId: 'P-1', amount: -5 } },
  GROUP,
)
const connect: DeadLetter = {
  ...connectDeadLetter(
    { topic: inventory, partition: 1, message: original('4711', '{"sku":"A",}', { 'correlation-id': 'c-9' }) },
    { code: 'malformed-json', message: 'Unexpected token }', parsed: null, position: 10 },
  ),
  topic: connectDlq,
}
// The demo writes Connect and envelope dead letters to fixed topics; these go to this test's own.
const envelope: DeadLetter = {
  ...jsonEnvelopeDeadLetter(
    { topic: orders, partition: 0, message: original('812', '{"orderId":"O-1"}', { 'correlation-id': 'c-1' }) },
    { code: 'missing-customer', message: 'Order O-1 has no customerId', parsed: { orderId: 'O-1' } },
    GROUP,
    NOW,
  ),
  topic: `${orders}.dlq`,
}

let producer: Producer

beforeAll(async () => {
  useTestCluster()
  await createTopicsAndWait(inject('kafkaBootstrap').split(','), [
    { topic: spring.topic, numPartitions: 3 },
    { topic: connect.topic, numPartitions: 1 },
    { topic: envelope.topic, numPartitions: 1 },
  ])
  producer = testKafka().producer({ idempotent: true, maxInFlightRequests: 1 })
  await producer.connect()
  for (const dl of [spring, connect, envelope])
    await producer.send({ topic: dl.topic, acks: -1, messages: [dl.message] })
}, 60_000)

afterAll(async () => {
  await producer?.disconnect()
  await closeAllClients()
})

async function readOne(topic: string): Promise<DecodedMessage> {
  const messages: DecodedMessage[] = []
  const events: AsyncGenerator<ScanEvent> = scanMessages('test', topic, {
    start: { from: 'oldest' },
    direction: 'forward',
    limit: 10,
    maxScan: 100,
    maxMs: 20_000,
  })
  for await (const e of events) if (e.type === 'messages') messages.push(...e.messages)
  expect(messages).toHaveLength(1)
  return messages[0]!
}

describe('dead letters of the demo, read back through the scan engine', () => {
  it('Spring: binary int32/int64 headers decoded exactly, exception headers, original consumer group', async () => {
    const m = await readOne(spring.topic)
    expect(m.partition).toBe(2)
    // The parser reads the header bytes (base64), whatever text the scan made of them for display.
    expect(m.headers.find((h) => h.key === 'kafka_dlt-original-partition')?.value).toMatchObject({
      base64: 'AAAAAg==',
      size: 4,
    })
    expect(m.headers.find((h) => h.key === 'kafka_dlt-original-offset')?.value.size).toBe(8)
    const meta = deadLetterMetadataOf(m)
    expect(meta).toMatchObject({
      style: 'spring',
      source: {
        topic: payments,
        partition: 2,
        offset: SPRING_OFFSET,
        timestamp: ORIGINAL_TS,
        timestampType: 'CreateTime',
        consumerGroup: GROUP,
      },
      error: {
        type: 'org.springframework.kafka.listener.ListenerExecutionFailedException',
        causeType: 'java.lang.IllegalArgumentException',
        failedOn: 'value',
      },
      problems: [],
    })
    expect(meta.error.message).toContain('java.lang.IllegalArgumentException: amount must be positive but was -5')
    expect(meta.error.stackTrace).toContain('Caused by: java.lang.IllegalArgumentException')
  })

  it('Connect: text numbers, connector context, the original value untouched', async () => {
    const m = await readOne(connect.topic)
    expect(m.value.text).toBe('{"sku":"A",}')
    expect(deadLetterMetadataOf(m)).toMatchObject({
      style: 'connect',
      source: { topic: inventory, partition: 1, offset: '4711' },
      error: {
        type: 'org.apache.kafka.connect.errors.DataException',
        causeType: 'org.apache.kafka.common.errors.SerializationException',
        message: 'Converting byte[] to Kafka Connect data failed due to serialization error: ',
      },
      connect: {
        connector: INVENTORY_CONNECTOR.name,
        task: INVENTORY_CONNECTOR.taskId,
        stage: 'VALUE_CONVERTER',
        className: 'org.apache.kafka.connect.json.JsonConverter',
      },
      problems: [],
    })
  })

  it('JSON envelope: source, error, retry history and the original event', async () => {
    const m = await readOne(envelope.topic)
    expect(deadLetterMetadataOf(m)).toMatchObject({
      style: 'envelope',
      source: { topic: orders, partition: 0, offset: '812', consumerGroup: GROUP },
      error: { type: 'MissingFieldError', message: 'Order O-1 has no customerId' },
      attempts: 4,
      firstAttemptAt: new Date(NOW - 7_000).toISOString(),
      lastAttemptAt: new Date(NOW).toISOString(),
      originalValue: { orderId: 'O-1' },
      problems: [],
    })
  })

  it('the three topic names are recognised as DLQs of their source topics', () => {
    const knownTopics = [payments, inventory, orders]
    expect(dlqTopicMatchOf(spring.topic, { knownTopics })).toEqual({
      convention: 'dot-DLT',
      sourceTopic: payments,
      sourceExists: true,
    })
    expect(dlqTopicMatchOf(envelope.topic, { knownTopics })).toEqual({
      convention: 'dot-dlq',
      sourceTopic: orders,
      sourceExists: true,
    })
    // A Connect DLQ is named by the connector's config; by name alone it is a dlq-<x> DLQ whose source is unknown.
    expect(dlqTopicMatchOf(connect.topic, { knownTopics })).toMatchObject({
      convention: 'dlq-prefix',
      sourceExists: false,
    })
    expect(
      dlqTopicMatchOf(connect.topic, {
        knownTopics,
        connect: [{ topic: connect.topic, connector: INVENTORY_CONNECTOR.name, sourceTopics: [inventory] }],
      }),
    ).toEqual({
      convention: 'connect',
      connector: INVENTORY_CONNECTOR.name,
      sourceTopic: inventory,
      sourceExists: true,
    })
  })

  it('records of one bug share a fingerprint across styles only when the bug is the same', async () => {
    const [a, b, c] = await Promise.all([readOne(spring.topic), readOne(connect.topic), readOne(envelope.topic)])
    const prints = new Set([a, b, c].map((m) => deadLetterMetadataOf(m).error.fingerprint))
    expect(prints.size).toBe(3)
  })
})
