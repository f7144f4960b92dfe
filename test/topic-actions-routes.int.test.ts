import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { POST as actionRoute } from '../app/api/clusters/[clusterId]/topics/[topic]/actions/route'
import { POST as createRoute } from '../app/api/clusters/[clusterId]/topics/route'
import { closeAllClients } from '../lib/kafka/client'
import { createTopicsAndWait, testKafka, uniqueName, useTestCluster } from './test-cluster'

// The topic action routes as Next calls them: status codes, the one error body, and the answers' shapes.

const topic = uniqueName('routes-topic')
const ctx = <P extends Record<string, string>>(params: P) => ({ params: Promise.resolve(params) })
const post = (body: unknown) =>
  new Request('http://127.0.0.1/x', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
const act = (body: unknown, t = topic, clusterId = 'test') => actionRoute(post(body), ctx({ clusterId, topic: t }))
const create = (body: unknown, clusterId = 'test') => createRoute(post(body), ctx({ clusterId }))

beforeAll(async () => {
  const { bootstrap } = useTestCluster([{ id: 'ro', brokers: inject('kafkaBootstrap').split(','), readOnly: true }])
  await createTopicsAndWait(bootstrap.split(','), [{ topic, numPartitions: 2 }])
  const producer = testKafka().producer({ idempotent: true, maxInFlightRequests: 1 })
  await producer.connect()
  await producer.send({ topic, acks: -1, messages: [0, 1, 0].map((partition, i) => ({ partition, value: `${i}` })) })
  await producer.disconnect()
})
afterAll(closeAllClients)

describe('POST …/topics/{topic}/actions', () => {
  it('422 for bodies that are not JSON or fit no action, and for illegal topic names', async () => {
    for (const body of [
      'not json',
      {},
      { action: 'truncate', dryRun: true },
      { action: 'delete' },
      { action: 'purge', dryRun: true, beforeOffset: 'yesterday' },
      { action: 'alter-configs', dryRun: true, set: { 'retention.ms': 5 } },
    ]) {
      const res = await act(body)
      expect(res.status, JSON.stringify(body)).toBe(422)
      expect((await res.json()).error.code).toBe('invalid_input')
    }
    expect((await act({ action: 'delete', dryRun: true }, 'bad%2Fname')).status).toBe(422)
  })

  it('404 for an unknown topic and an unknown cluster', async () => {
    for (const body of [
      { action: 'delete', dryRun: true },
      { action: 'purge', dryRun: false },
      { action: 'alter-configs', dryRun: true, set: { 'retention.ms': '1' } },
    ]) {
      const res = await act(body, uniqueName('nope'))
      expect(res.status, JSON.stringify(body)).toBe(404)
      expect((await res.json()).error.message).toMatch(/does not exist on cluster "test"/)
    }
    expect((await act({ action: 'delete', dryRun: true }, topic, 'nope')).status).toBe(404)
  })

  it('403 on a read-only cluster, for previews and executions alike', async () => {
    for (const body of [
      { action: 'delete', dryRun: false },
      { action: 'purge', dryRun: true },
    ]) {
      const res = await act(body, topic, 'ro')
      expect(res.status).toBe(403)
      expect((await res.json()).error).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/read-only/) })
    }
    expect((await create({ name: uniqueName('ro'), partitions: 1, replicationFactor: 1 }, 'ro')).status).toBe(403)
  })

  it('200: previews (percent-encoded topic as Next hands it over), purges, then deletes', async () => {
    const preview = await act({ action: 'purge', dryRun: true }, encodeURIComponent(topic))
    expect(preview.status).toBe(200)
    expect(await preview.json()).toMatchObject({ topic, totalDeleted: '3', refusedReason: null })
    const purged = await act({ action: 'purge', dryRun: false, partitions: [0] })
    expect(await purged.json()).toMatchObject({ totalDeleted: '2', audit: { recorded: true } })
    const configs = await act({ action: 'alter-configs', dryRun: true, set: { 'retention.ms': '60000' } })
    expect(await configs.json()).toMatchObject({
      changes: [{ name: 'retention.ms', before: null, after: '60000' }],
      validated: true,
    })
    const deletePreview = await (await act({ action: 'delete', dryRun: true })).json()
    expect(deletePreview).toMatchObject({ partitions: 2, messageCount: '1', refusedReason: null })
    const deleted = await act({ action: 'delete', dryRun: false })
    expect(await deleted.json()).toEqual({ topic, deleted: true, audit: { recorded: true } })
  })

  it('409 for internal topics', async () => {
    const res = await act({ action: 'delete', dryRun: false }, '__consumer_offsets')
    expect(res.status).toBe(409)
  })
})

describe('POST …/topics', () => {
  it('422 for a bad body, 201 on create, 409 when it exists; the broker’s reason for a bad config', async () => {
    expect((await create({ name: 'a b', partitions: 1, replicationFactor: 1 })).status).toBe(422)
    expect((await create({ name: 'x', partitions: '1', replicationFactor: 1 })).status).toBe(422)
    const name = uniqueName('routes-new')
    const dry = await create({ name, partitions: 1, replicationFactor: 1, dryRun: true })
    expect(dry.status).toBe(200)
    const res = await create({ name, partitions: 2, replicationFactor: 1, configs: { 'retention.ms': '60000' } })
    expect(res.status).toBe(201)
    expect(await res.json()).toMatchObject({
      topic: name,
      partitions: 2,
      leadersReady: true,
      audit: { recorded: true },
    })
    expect((await create({ name, partitions: 1, replicationFactor: 1 })).status).toBe(409)
    const bad = await create({
      name: uniqueName('bad'),
      partitions: 1,
      replicationFactor: 1,
      configs: { 'cleanup.policy': 'sometimes' },
    })
    expect(bad.status).toBe(422)
    expect((await bad.json()).error.message).toMatch(/sometimes/)
  })
})
