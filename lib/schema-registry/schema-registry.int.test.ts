import avro from 'avsc'
import type { Producer } from 'kafkajs'
import protobuf from 'protobufjs'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { closeAllClients } from '@/lib/kafka/client'
import { type ScanEvent, scanMessages } from '@/lib/messages/scan/scan-messages'
import { type DecodedMessage, SCAN_DEFAULTS, type ScanRequest } from '@/lib/messages/types'
import { findFreePort } from '../../scripts/kafka/free-port'
import { createTopicsAndWait, testKafka, uniqueName, useClusters, useTestCluster } from '../../test/test-cluster'
import { writeFrame } from './wire-format'

// Schemas are registered in a real registry (Apicurio's Confluent API), records are framed and encoded here with
// avsc / protobufjs, and the scan must give back exactly what was produced.

const topic = uniqueName('sr')
const subject = uniqueName('sr-subject')

const avroSchema = {
  type: 'record',
  name: 'Payment',
  namespace: 'dev.ferry.test',
  fields: [
    { name: 'id', type: 'int' },
    { name: 'payer', type: 'string' },
    { name: 'note', type: ['null', 'string'], default: null },
    { name: 'tags', type: { type: 'array', items: 'string' } },
    { name: 'kind', type: { type: 'enum', name: 'Kind', symbols: ['CARD', 'CASH'] } },
    { name: 'amount', type: 'double' },
  ],
}
const avroValues = [
  { id: 1, payer: 'ada', note: null, tags: [], kind: 'CARD', amount: 12.5 },
  { id: 2, payer: 'bob', note: 'late', tags: ['x', 'y'], kind: 'CASH', amount: 0 },
]

const proto = `syntax = "proto3";
package ferry.test;
message Other { string unused = 1; }
message Order {
  string id = 1;
  int64 qty = 2;
  repeated string items = 3;
  Line line = 4;
  Status status = 5;
  message Line { bool gift = 1; int32 count = 2; }
  enum Status { NEW = 0; SHIPPED = 1; }
}
`
const protoOrder = {
  id: 'o-1',
  qty: '9007199254740993',
  items: ['a', 'b'],
  line: { gift: true, count: 3 },
  status: 'SHIPPED',
}
const protoLine = { gift: false, count: 7 }

const jsonSchema = { type: 'object', properties: { sku: { type: 'string' }, n: { type: 'integer' } } }
const jsonValue = { sku: 'S-1', n: 4, extra: [1, { deep: true }] }

const ids = { avro: 0, proto: 0, json: 0 }
let producer: Producer

async function register(name: string, body: Record<string, unknown>): Promise<number> {
  const res = await fetch(`${inject('schemaRegistryUrl')}/subjects/${name}/versions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify(body),
  })
  expect(res.status, await res.clone().text()).toBe(200)
  return ((await res.json()) as { id: number }).id
}

beforeAll(async () => {
  ids.avro = await register(`${subject}-avro`, { schema: JSON.stringify(avroSchema) })
  ids.proto = await register(`${subject}-proto`, { schemaType: 'PROTOBUF', schema: proto })
  ids.json = await register(`${subject}-json`, { schemaType: 'JSON', schema: JSON.stringify(jsonSchema) })

  const avroType = avro.Type.forSchema(avroSchema as avro.Schema)
  const root = protobuf.parse(proto, { keepCase: true }).root
  const Order = root.lookupType('ferry.test.Order')
  const Line = root.lookupType('ferry.test.Order.Line')

  useTestCluster()
  await createTopicsAndWait(inject('kafkaBootstrap').split(','), [{ topic, numPartitions: 1 }])
  producer = testKafka().producer({ idempotent: true, maxInFlightRequests: 1 })
  await producer.connect()
  await producer.send({
    topic,
    acks: -1,
    messages: [
      ...avroValues.map((v) => ({ key: `avro-${v.id}`, value: writeFrame(ids.avro, avroType.toBuffer(v)) })),
      // Order is the file's second message ([1]); Line is nested in it ([1, 0]).
      { key: 'proto-order', value: writeFrame(ids.proto, Order.encode(Order.fromObject(protoOrder)).finish(), [1]) },
      { key: 'proto-line', value: writeFrame(ids.proto, Line.encode(Line.fromObject(protoLine)).finish(), [1, 0]) },
      { key: 'json', value: writeFrame(ids.json, Buffer.from(JSON.stringify(jsonValue))) },
      { key: 'unknown-id', value: writeFrame(987_654, Buffer.from([2, 4])) },
      { key: 'bad-avro', value: writeFrame(ids.avro, Buffer.from([0xff])) },
    ],
  })
})

afterAll(async () => {
  await producer?.disconnect()
  await closeAllClients()
})

async function scanAll(request: Partial<ScanRequest> = {}): Promise<Map<string, DecodedMessage>> {
  const out = new Map<string, DecodedMessage>()
  const events: AsyncGenerator<ScanEvent> = scanMessages('test', topic, {
    start: { from: 'oldest' },
    direction: 'forward',
    ...SCAN_DEFAULTS,
    ...request,
  })
  for await (const e of events) {
    if (e.type === 'messages') for (const m of e.messages) out.set(m.key.text ?? '', m)
  }
  return out
}

describe('Schema Registry decoding in a scan', () => {
  it('decodes Avro, Protobuf (nested message indexes) and JSON Schema values to what was produced', async () => {
    useTestClusterWithRegistry(inject('schemaRegistryUrl'))
    const byKey = await scanAll()
    expect(byKey.size).toBe(7)

    for (const v of avroValues) {
      const d = byKey.get(`avro-${v.id}`)?.value
      expect(d).toMatchObject({ format: 'avro', schemaId: ids.avro, subject: `${subject}-avro` })
      expect(d?.json).toEqual(v)
      expect(d?.error).toBeUndefined()
      expect(d?.base64).not.toBe('') // the bytes stay
    }
    const order = byKey.get('proto-order')?.value
    expect(order).toMatchObject({ format: 'protobuf', schemaId: ids.proto, subject: `${subject}-proto` })
    expect(order?.json).toEqual(protoOrder)
    expect(byKey.get('proto-line')?.value.json).toEqual(protoLine)

    const json = byKey.get('json')?.value
    expect(json).toMatchObject({ format: 'json-schema', schemaId: ids.json, json: jsonValue })

    const unknown = byKey.get('unknown-id')?.value
    expect(unknown).toMatchObject({ format: 'confluent', schemaId: 987_654 })
    expect(unknown?.error).toMatch(/HTTP 404/)
    const bad = byKey.get('bad-avro')?.value
    expect(bad).toMatchObject({ format: 'confluent', schemaId: ids.avro })
    expect(bad?.error).toMatch(/not decodable with schema/)
  })

  it('filters on decoded fields with CEL', async () => {
    useTestClusterWithRegistry(inject('schemaRegistryUrl'))
    const byKey = await scanAll({ filter: { cel: 'value.payer == "bob"' } })
    expect([...byKey.keys()]).toEqual(['avro-2'])
  })

  it('keeps the bytes and says why when the registry is down', async () => {
    useTestClusterWithRegistry(`http://127.0.0.1:${await findFreePort()}`)
    const byKey = await scanAll()
    expect(byKey.size).toBe(7)
    for (const m of byKey.values()) {
      expect(m.value.format).toBe('confluent')
      expect(m.value.error).toMatch(/unreachable/)
      expect(m.value.base64).not.toBe('')
    }
  })

  it('leaves payloads as asked when a format other than auto is chosen', async () => {
    useTestClusterWithRegistry(inject('schemaRegistryUrl'))
    const byKey = await scanAll({ valueFormat: 'hex' })
    expect(byKey.get('avro-1')?.value.format).toBe('hex')
  })
})

/** The integration broker as cluster "test", with this registry. */
function useTestClusterWithRegistry(url: string) {
  useClusters([{ id: 'test', brokers: inject('kafkaBootstrap').split(','), schemaRegistry: { url } }])
}
