import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import type { KafkaMessage } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { runKafkaTool } from '../../../scripts/kafka/broker'
import { kafkaClasspath } from '../../../scripts/kafka/fetch-kafka'
import { createTopicsAndWait, testKafka, uniqueName, useTestCluster } from '../../../test/test-cluster'
import { listAuditEntries } from '../../audit/list-audit-entries'
import { closeAllClients } from '../../kafka/client'
import { fetchWatermarks } from '../../kafka/fetch-watermarks'
import { produceMessage } from './produce-message'

// Ferry's produce against the real broker: what it writes is read back byte for byte (kafkajs and Kafka's own
// ConsoleConsumer), keys land where Kafka's Java ConsoleProducer puts them, refusals write nothing.

const topic = uniqueName('produce')
const keyed = uniqueName('produce-keyed')
const small = uniqueName('produce-small')
const PARTITIONS = 6

type Read = { partition: number; message: KafkaMessage }

/** Every record of the topic, read from the beginning by a throwaway kafkajs consumer until `count` arrived. */
async function readAll(name: string, count: number): Promise<Read[]> {
  const consumer = testKafka().consumer({ groupId: uniqueName('produce-reader') })
  const out: Read[] = []
  await consumer.connect()
  try {
    await consumer.subscribe({ topic: name, fromBeginning: true })
    const done = new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          out.push({ partition, message })
          if (out.length >= count) resolve()
        },
      })
    })
    await Promise.race([
      done,
      new Promise((_, reject) => setTimeout(() => reject(new Error('read timed out')), 20_000)),
    ])
  } finally {
    await consumer.disconnect()
  }
  return out
}

const marksOf = async (name: string) =>
  (await fetchWatermarks('test', [{ topic: name, partitions: Array.from({ length: PARTITIONS }, (_, i) => i) }])).get(
    name,
  )

beforeAll(async () => {
  const { bootstrap } = useTestCluster([{ id: 'ro', brokers: inject('kafkaBootstrap').split(','), readOnly: true }])
  await createTopicsAndWait(bootstrap.split(','), [
    { topic, numPartitions: PARTITIONS },
    { topic: keyed, numPartitions: PARTITIONS },
    { topic: small, numPartitions: 1, configEntries: [{ name: 'max.message.bytes', value: '2000' }] },
  ])
}, 60_000)

afterAll(async () => {
  await closeAllClients()
})

describe('produceMessage', () => {
  const value = '{\n  "order": 42,\n  "secret": "s3cr3t-payload-token"\n}'
  const headers = [
    { key: 'content-type', value: 'application/json' },
    { key: 'trace', value: 'a' },
    { key: 'trace', value: 'b' },
    { key: 'émoji', value: '✓ ünïcode\ttab' },
    { key: '__proto__', value: 'kept' },
  ]
  let produced: Awaited<ReturnType<typeof produceMessage>>

  it('writes key, value and headers exactly, at the partition and offset it answers', async () => {
    produced = await produceMessage(
      'test',
      topic,
      { key: 'order-42', value, valueFormat: 'json', headers, partition: 3 },
      'tester',
    )
    expect(produced).toMatchObject({ topic, partition: 3, offset: '0', timestampType: 'CreateTime' })
    expect(produced.audit).toEqual({ recorded: true })
    expect(Math.abs(produced.timestamp - Date.now())).toBeLessThan(30_000)

    const [read] = await readAll(topic, 1)
    expect(read?.partition).toBe(3)
    expect(read?.message.offset).toBe('0')
    expect(read?.message.key?.toString('utf8')).toBe('order-42')
    expect(read?.message.value?.toString('utf8')).toBe(value)
    expect(read?.message.timestamp).toBe(String(produced.timestamp))
    const got = Object.entries(read?.message.headers ?? {}).flatMap(([k, v]) =>
      (Array.isArray(v) ? v : [v]).map((x) => ({ key: k, value: x?.toString('utf8') })),
    )
    // kafkajs' decoder collects headers into a plain object and garbles one named "__proto__" (it reads back
    // Object.prototype as a value); Kafka's own ConsoleConsumer (next test) shows it was written as sent.
    const plain = (list: { key: string }[]) => list.filter((h) => h.key !== '__proto__')
    expect(plain(got)).toEqual(plain(headers))
  })

  it("reads back the same with Kafka's ConsoleConsumer at that partition and offset", () => {
    const out = runKafkaTool(inject('kafkaLibs'), 'org.apache.kafka.tools.consumer.ConsoleConsumer', [
      '--bootstrap-server',
      inject('kafkaBootstrap'),
      '--topic',
      topic,
      '--partition',
      String(produced.partition),
      '--offset',
      produced.offset,
      '--max-messages',
      '1',
      '--timeout-ms',
      '15000',
      '--property',
      'print.key=true',
      '--property',
      'print.headers=true',
      '--property',
      'print.partition=true',
      '--property',
      'print.offset=true',
      '--property',
      'key.separator=|KEY|',
      '--property',
      'headers.separator=|H|',
      '--property',
      'line.separator=|END|',
    ])
    // key.separator separates every printed field; the deprecation notice of --property (Kafka 4) may precede it.
    const headerText = headers.map((h) => `${h.key}:${h.value}`).join('|H|')
    expect(out).toContain(`Partition:3|KEY|Offset:0|KEY|${headerText}|KEY|order-42|KEY|${value}|END|`)
  })

  it("puts each key on the partition Kafka's ConsoleProducer (Java client, murmur2) picks", async () => {
    const keys = Array.from({ length: 24 }, (_, i) => `customer-${i * 7919}`)
    const version = inject('kafkaVersion')
    const mainClass = version.startsWith('3.')
      ? 'kafka.tools.ConsoleProducer'
      : 'org.apache.kafka.tools.ConsoleProducer'
    execFileSync(
      'java',
      [
        '-Xmx128m',
        '-cp',
        kafkaClasspath(inject('kafkaLibs')),
        mainClass,
        '--bootstrap-server',
        inject('kafkaBootstrap'),
        '--topic',
        keyed,
        '--property',
        'parse.key=true',
        '--property',
        'key.separator=|',
      ],
      { input: keys.map((k) => `${k}|java`).join('\n'), timeout: 60_000, stdio: ['pipe', 'ignore', 'pipe'] },
    )
    const ferry = new Map<string, number>()
    for (const key of keys) {
      const r = await produceMessage('test', keyed, { key, value: 'ferry', valueFormat: 'text', headers: [] }, 'tester')
      ferry.set(key, r.partition)
    }
    const java = new Map<string, number>()
    for (const { partition, message } of await readAll(keyed, keys.length * 2)) {
      if (message.value?.toString() === 'java') java.set(message.key?.toString() ?? '', partition)
    }
    expect(java.size).toBe(keys.length)
    for (const key of keys) expect(ferry.get(key), key).toBe(java.get(key))
    // Meaningful only if the keys spread over several partitions.
    expect(new Set(ferry.values()).size).toBeGreaterThan(2)
  }, 60_000)

  it('refuses invalid JSON with its position and writes nothing', async () => {
    const before = await marksOf(topic)
    const err = await produceMessage(
      'test',
      topic,
      { key: 'k', value: '{"a": 1,\n "b": }', valueFormat: 'json', headers: [] },
      'tester',
    ).catch((e: unknown) => e)
    expect(err).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/not valid JSON: .*line 2, column 7 \(position 15\)/),
      details: { json: { position: 15, line: 2, column: 7 } },
    })
    expect(await marksOf(topic)).toEqual(before)
  })

  it('refuses a partition the topic does not have, and an unknown topic', async () => {
    await expect(
      produceMessage('test', topic, { value: 'x', valueFormat: 'text', headers: [], partition: PARTITIONS }, 'tester'),
    ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/has 6 partitions \(0–5\)/) })
    await expect(
      produceMessage('test', uniqueName('no-such-topic'), { value: 'x', valueFormat: 'text', headers: [] }, 'tester'),
    ).rejects.toMatchObject({ code: 'not_found' })
  })

  it('refuses on a read-only cluster and writes nothing', async () => {
    const before = await marksOf(topic)
    await expect(
      produceMessage('ro', topic, { value: 'x', valueFormat: 'text', headers: [] }, 'tester'),
    ).rejects.toMatchObject({ code: 'forbidden', message: expect.stringMatching(/read-only/) })
    expect(await marksOf(topic)).toEqual(before)
  })

  it('refuses records above the limit (413) before sending, and maps Kafka’s own size refusal to 413', async () => {
    await expect(
      produceMessage('test', topic, { value: 'x'.repeat(1024 * 1024 + 1), valueFormat: 'text', headers: [] }, 't'),
    ).rejects.toMatchObject({ code: 'payload_too_large', message: expect.stringMatching(/at most 1 MiB/) })
    await expect(
      produceMessage('test', small, { value: 'y'.repeat(5_000), valueFormat: 'text', headers: [] }, 'tester'),
    ).rejects.toMatchObject({ code: 'payload_too_large', message: expect.stringMatching(/MESSAGE_TOO_LARGE/) })
    // The shared producer still works afterwards.
    const ok = await produceMessage('test', small, { value: 'tiny', valueFormat: 'text', headers: [] }, 'tester')
    expect(ok.offset).toBe('0')
  })

  it('audits the write with the value’s size and SHA-256, never the value itself', async () => {
    const entries = await listAuditEntries('test', { limit: 1_000 })
    const entry = entries.find((e) => e.action === 'topic.produce' && e.target.topic === topic && e.result === 'ok')
    expect(entry).toMatchObject({
      actor: 'tester',
      clusterId: 'test',
      params: {
        key: 'order-42',
        valueFormat: 'json',
        valueBytes: Buffer.byteLength(value),
        valueSha256: createHash('sha256').update(value).digest('hex'),
        requestedPartition: 3,
        partition: 3,
        offset: '0',
      },
    })
    const text = JSON.stringify(entry)
    expect(text).not.toContain('s3cr3t-payload-token')
    expect(text).not.toContain('ünïcode') // header values are hashed too
  })

  // kafkajs 2.2.4 fails every metadata request of a producer that once wrote to a now deleted topic; the pooled
  // producer is replaced on that error, so the console keeps producing.
  it('keeps producing after a topic it wrote to is deleted', async () => {
    const gone = uniqueName('produce-gone')
    await createTopicsAndWait(inject('kafkaBootstrap').split(','), [{ topic: gone }])
    await produceMessage('test', gone, { value: 'x', valueFormat: 'text', headers: [] }, 'tester')
    const admin = testKafka().admin()
    await admin.connect()
    await admin.deleteTopics({ topics: [gone] }).finally(() => admin.disconnect())
    const other = uniqueName('produce-other')
    await createTopicsAndWait(inject('kafkaBootstrap').split(','), [{ topic: other }])
    const written = await produceMessage('test', other, { value: 'y', valueFormat: 'text', headers: [] }, 'tester')
    expect(written.offset).toBe('0')
    await expect(
      produceMessage('test', gone, { value: 'z', valueFormat: 'text', headers: [] }, 'tester'),
    ).rejects.toMatchObject({ code: 'not_found' })
  }, 60_000)
})
