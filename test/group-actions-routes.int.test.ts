import { Admin as PltAdmin } from '@platformatic/kafka'
import type { Consumer } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DELETE as deleteOffsetsRoute } from '../app/api/clusters/[clusterId]/groups/[groupId]/offsets/[topic]/route'
import {
  DELETE as deleteResetTopicRoute,
  POST as resetRoute,
} from '../app/api/clusters/[clusterId]/groups/[groupId]/offsets/reset/route'
import { DELETE as deleteGroupRoute } from '../app/api/clusters/[clusterId]/groups/[groupId]/route'
import { describeGroup } from '../lib/groups/describe-group'
import { closeAllClients } from '../lib/kafka/client'
import { until } from './consumer-group-cli'
import { createTopicsAndWait, testKafka, uniqueName, useTestCluster } from './test-cluster'

// The group action routes as Next calls them: status codes, the one error body, and the answers' shapes.

const topic = uniqueName('routes-t')
const idle = uniqueName('routes-idle')
const busy = uniqueName('routes-busy')
const spare = uniqueName('routes-spare')

const ctx = <P extends Record<string, string>>(params: P) => ({ params: Promise.resolve(params) })
const post = (path: string, body: unknown) =>
  new Request(`http://127.0.0.1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
const reset = (groupId: string, body: unknown, clusterId = 'test') =>
  resetRoute(post(`/api/clusters/${clusterId}/groups/${groupId}/offsets/reset`, body), ctx({ clusterId, groupId }))
const del = (path: string) => new Request(`http://127.0.0.1${path}`, { method: 'DELETE' })

let plt: PltAdmin
let consumer: Consumer | undefined

beforeAll(async () => {
  const { bootstrap } = useTestCluster()
  await createTopicsAndWait(bootstrap.split(','), [{ topic, numPartitions: 2 }])
  const kafka = testKafka()
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 })
  await producer.connect()
  await producer.send({
    topic,
    acks: -1,
    messages: Array.from({ length: 4 }, (_, i) => ({ partition: i % 2, value: `${i}` })),
  })
  await producer.disconnect()
  plt = new PltAdmin({ clientId: 'ferry-test', bootstrapBrokers: bootstrap.split(',') })
  for (const groupId of [idle, busy, spare]) {
    await plt.alterConsumerGroupOffsets({
      groupId,
      topics: [{ name: topic, partitionOffsets: [0, 1].map((partition) => ({ partition, offset: 1n })) }],
    })
  }
  consumer = kafka.consumer({ groupId: busy, sessionTimeout: 10_000 })
  await consumer.connect()
  await consumer.subscribe({ topic })
  await consumer.run({ eachMessage: async () => {} })
  await until(
    'busy group Stable',
    async () => (await describeGroup('test', busy)).state,
    (s) => s === 'Stable',
  )
}, 60_000)

afterAll(async () => {
  await Promise.allSettled([consumer?.disconnect(), plt?.close()])
  await closeAllClients()
})

describe('POST …/offsets/reset', () => {
  it('422 for bodies that are not JSON or do not fit the schema', async () => {
    for (const body of [
      'not json',
      {},
      { scope: { allCommittedTopics: true }, mode: { kind: 'earliest' } }, // dryRun missing
      { dryRun: 'yes', scope: { allCommittedTopics: true }, mode: { kind: 'earliest' } },
      { dryRun: true, scope: { allCommittedTopics: true }, mode: { kind: 'offset', offset: 5 } },
      { dryRun: true, scope: { topics: [] }, mode: { kind: 'earliest' } },
      { dryRun: true, scope: { allCommittedTopics: true }, mode: { kind: 'timestamp', timestamp: 'last tuesday' } },
    ]) {
      const res = await reset(idle, body)
      expect(res.status, JSON.stringify(body)).toBe(422)
      expect((await res.json()).error.code).toBe('invalid_input')
    }
  })

  it('413 for an oversized body', async () => {
    const res = await reset(idle, { dryRun: true, padding: 'x'.repeat(300 * 1024) })
    expect(res.status).toBe(413)
    expect((await res.json()).error.code).toBe('payload_too_large')
  })

  it('200 with the preview on a dry run; nothing is committed', async () => {
    const res = await reset(idle, { dryRun: true, scope: { allCommittedTopics: true }, mode: { kind: 'latest' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const preview = await res.json()
    expect(preview).toMatchObject({ groupId: idle, blockedReason: null, totals: { lagBefore: '2', lagAfter: '0' } })
    expect(
      preview.rows.map((r: { currentOffset: string; targetOffset: string }) => [r.currentOffset, r.targetOffset]),
    ).toEqual([
      ['1', '2'],
      ['1', '2'],
    ])
  })

  it('200 with the applied rows and audit status on execute', async () => {
    const res = await reset(idle, {
      dryRun: false,
      scope: { topics: [{ topic, partitions: [1] }] },
      mode: { kind: 'shift', by: '-1' },
    })
    expect(res.status).toBe(200)
    const result = await res.json()
    expect(result.applied).toMatchObject([{ topic, partition: 1, currentOffset: '1', targetOffset: '0' }])
    expect(result.audit).toEqual({ recorded: true })
  })

  it('404 for an unknown group (all committed topics) and an unknown cluster', async () => {
    const body = { dryRun: true, scope: { allCommittedTopics: true }, mode: { kind: 'earliest' } }
    expect((await reset(uniqueName('nobody'), body)).status).toBe(404)
    expect((await reset(idle, body, 'nope')).status).toBe(404)
  })

  it('409 with the reason while the group has members; the dry run answers 200 with blockedReason', async () => {
    const body = { scope: { topics: [{ topic }] }, mode: { kind: 'earliest' } }
    const preview = await (await reset(busy, { ...body, dryRun: true })).json()
    expect(preview.blockedReason).toMatch(/Stable with 1 active member/)
    const res = await reset(busy, { ...body, dryRun: false })
    expect(res.status).toBe(409)
    const error = (await res.json()).error
    expect(error).toMatchObject({ code: 'conflict', message: preview.blockedReason })
    expect(error.details.audit).toEqual({ recorded: true })
  })
})

describe('DELETE …/groups/{groupId} and …/offsets/{topic}', () => {
  it('409 while the group has members, 404 for unknown groups', async () => {
    const busyRes = await deleteGroupRoute(
      del(`/api/clusters/test/groups/${busy}`),
      ctx({ clusterId: 'test', groupId: busy }),
    )
    expect(busyRes.status).toBe(409)
    const offsets = await deleteOffsetsRoute(
      del(`/api/clusters/test/groups/${busy}/offsets/${topic}`),
      ctx({ clusterId: 'test', groupId: busy, topic }),
    )
    expect(offsets.status).toBe(409)
    const nobody = uniqueName('nobody')
    expect((await deleteGroupRoute(del('/x'), ctx({ clusterId: 'test', groupId: nobody }))).status).toBe(404)
    expect((await deleteOffsetsRoute(del('/x'), ctx({ clusterId: 'test', groupId: nobody, topic }))).status).toBe(404)
    // DELETE …/offsets/reset is the topic named "reset" (the static segment shadows [topic]).
    const resetTopic = await deleteResetTopicRoute(del('/x'), ctx({ clusterId: 'test', groupId: idle }))
    expect(resetTopic.status).toBe(404)
    expect((await resetTopic.json()).error.message).toBe(`Group "${idle}" has no committed offsets on topic "reset"`)
    expect(
      (await deleteOffsetsRoute(del('/x'), ctx({ clusterId: 'test', groupId: idle, topic: 'bad/topic' }))).status,
    ).toBe(422)
  })

  it('200: deletes the offsets of a topic, and a group (ids percent-encoded as Next hands them over)', async () => {
    const offsets = await deleteOffsetsRoute(
      del('/x'),
      ctx({ clusterId: 'test', groupId: encodeURIComponent(spare), topic: encodeURIComponent(topic) }),
    )
    expect(offsets.status).toBe(200)
    expect(await offsets.json()).toMatchObject({ groupId: spare, topic, partitions: [0, 1], audit: { recorded: true } })
    const res = await deleteGroupRoute(del('/x'), ctx({ clusterId: 'test', groupId: idle }))
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ groupId: idle, deleted: true, audit: { recorded: true } })
    await expect(describeGroup('test', idle)).rejects.toMatchObject({ code: 'not_found' })
  })
})
