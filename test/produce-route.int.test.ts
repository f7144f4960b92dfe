import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { POST } from '../app/api/clusters/[clusterId]/topics/[topic]/produce/route'
import { closeAllClients } from '../lib/kafka/client'
import { fetchWatermarks } from '../lib/kafka/fetch-watermarks'
import { createTopicsAndWait, uniqueName, useTestCluster } from './test-cluster'

// POST …/topics/{topic}/produce as Next calls it: status codes, the one error body, the answer's shape.

const topic = uniqueName('produce-route')

const produce = (body: unknown, opts: { topic?: string; clusterId?: string } = {}) =>
  POST(
    new Request('http://127.0.0.1/api/clusters/x/topics/x/produce', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
    { params: Promise.resolve({ clusterId: opts.clusterId ?? 'test', topic: opts.topic ?? topic }) },
  )

const highOf = async () => (await fetchWatermarks('test', [{ topic, partitions: [0] }])).get(topic)?.[0]?.high

beforeAll(async () => {
  const { bootstrap } = useTestCluster([{ id: 'ro', brokers: inject('kafkaBootstrap').split(','), readOnly: true }])
  await createTopicsAndWait(bootstrap.split(','), [{ topic, numPartitions: 1 }])
}, 60_000)

afterAll(async () => {
  await closeAllClients()
})

describe('POST …/topics/{topic}/produce', () => {
  it('200 with partition, offset and timestamp (topic percent-encoded as Next hands it over)', async () => {
    const res = await produce(
      { key: 'k', value: '{"a":1}', valueFormat: 'json', headers: [{ key: 'h', value: 'v' }] },
      { topic: encodeURIComponent(topic) },
    )
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(await res.json()).toMatchObject({
      topic,
      partition: 0,
      offset: '0',
      timestamp: expect.any(Number),
      timestampType: 'CreateTime',
      audit: { recorded: true },
    })
  })

  it('422 for invalid JSON in JSON mode, naming the position; nothing is written', async () => {
    const before = await highOf()
    const res = await produce({ value: '[1, 2,, 3]', valueFormat: 'json', headers: [] })
    expect(res.status).toBe(422)
    const { error } = await res.json()
    expect(error.code).toBe('invalid_input')
    expect(error.message).toMatch(/not valid JSON: Unexpected ',': expected a value at line 1, column 7 \(position 6\)/)
    expect(error.details.json).toMatchObject({ position: 6, line: 1, column: 7 })
    expect(await highOf()).toBe(before)
  })

  it('422 for bodies that do not fit the schema, a bad topic name or a missing partition', async () => {
    for (const body of [
      'not json',
      {},
      { value: 'x', valueFormat: 'xml', headers: [] },
      { value: 'x', valueFormat: 'text', headers: [], partition: -1 },
      { value: 'x', valueFormat: 'text', headers: [{ key: '', value: 'v' }] },
      { value: 'x', valueFormat: 'text', headers: [], extra: true },
      { value: 'x', valueFormat: 'text', headers: [], partition: 1 },
    ]) {
      const res = await produce(body)
      expect(res.status, JSON.stringify(body)).toBe(422)
      expect((await res.json()).error.code).toBe('invalid_input')
    }
    expect((await produce({ value: 'x', valueFormat: 'text', headers: [] }, { topic: 'bad/topic' })).status).toBe(422)
  })

  it('404 for an unknown topic and an unknown cluster', async () => {
    const res = await produce({ value: 'x', valueFormat: 'text', headers: [] }, { topic: uniqueName('nope') })
    expect(res.status).toBe(404)
    expect((await res.json()).error.message).toMatch(/^Topic "nope-.*" does not exist on cluster "test"$/)
    expect((await produce({ value: 'x', valueFormat: 'text', headers: [] }, { clusterId: 'nope' })).status).toBe(404)
  })

  it('413 for a record above 1 MiB and for a body above the read cap; nothing is written', async () => {
    const before = await highOf()
    const res = await produce({ value: 'x'.repeat(1024 * 1024 + 10), valueFormat: 'text', headers: [] })
    expect(res.status).toBe(413)
    const { error } = await res.json()
    expect(error).toMatchObject({ code: 'payload_too_large', details: { maxBytes: 1024 * 1024 } })
    expect(error.message).toMatch(/at most 1 MiB/)
    const huge = await produce({ value: 'x'.repeat(5 * 1024 * 1024), valueFormat: 'text', headers: [] })
    expect(huge.status).toBe(413)
    expect(await highOf()).toBe(before)
  })

  it('403 on a read-only cluster', async () => {
    const res = await produce({ value: 'x', valueFormat: 'text', headers: [] }, { clusterId: 'ro' })
    expect(res.status).toBe(403)
    expect((await res.json()).error.code).toBe('forbidden')
  })
})
