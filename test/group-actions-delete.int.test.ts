import { createRequire } from 'node:module'
import { Admin as PltAdmin } from '@platformatic/kafka'
import type { Admin, Consumer } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { listAuditEntries } from '@/lib/audit/list-audit-entries'
import { deleteGroup } from '@/lib/groups/actions/delete-group'
import { deleteGroupOffsets } from '@/lib/groups/actions/delete-group-offsets'
import { describeGroup } from '@/lib/groups/describe-group'
import { closeAllClients } from '@/lib/kafka/client'
import { executeOffsetReset } from '@/lib/lag/reset-offsets/execute-offset-reset'
import { type JavaProcess, startConsoleConsumer } from '../scripts/kafka/java-process'
import { committedOf, groupCli, rowsOf, until } from './consumer-group-cli'
import { createTopicsAndWait, testKafka, uniqueName, useTestCluster } from './test-cluster'

// Deleting groups and a group's offsets on one topic, checked with Kafka's CLI; and why Ferry does not use kafkajs
// for these actions (each gap pinned against the real broker).

const modern = !inject('kafkaVersion').startsWith('3.')
const topicA = uniqueName('del-a')
const topicB = uniqueName('del-b')
const emptyClassic = uniqueName('del-empty')
const partial = uniqueName('del-partial')
const live = uniqueName('del-live')
const kip848 = {
  ferry: uniqueName('del-848-ferry'),
  kafkajs: uniqueName('del-848-kjs'),
  setOffsets: uniqueName('del-848-set'),
}

let plt: PltAdmin
let admin: Admin
let consumer: Consumer | undefined
const java: JavaProcess[] = []

const commit = (groupId: string, name: string, offsets: number[]) =>
  plt.alterConsumerGroupOffsets({
    groupId,
    topics: [{ name, partitionOffsets: offsets.map((o, partition) => ({ partition, offset: BigInt(o) })) }],
  })
const listed = async () => (await groupCli(['--list'])).split('\n').map((l) => l.trim())
/** Type of each group as Kafka's GroupsCommand (4.x) prints it. */
const typesOf = async (groups: string[]) =>
  Object.fromEntries(
    rowsOf(await groupCli(['--list'], 'org.apache.kafka.tools.GroupsCommand'), groups).map(([g, type]) => [g, type]),
  )

beforeAll(async () => {
  const { bootstrap } = useTestCluster()
  await createTopicsAndWait(bootstrap.split(','), [
    { topic: topicA, numPartitions: 2 },
    { topic: topicB, numPartitions: 1 },
  ])
  const kafka = testKafka()
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 })
  await producer.connect()
  await producer.send({
    topic: topicA,
    acks: -1,
    messages: Array.from({ length: 6 }, (_, i) => ({ partition: i % 2, value: `a${i}` })),
  })
  await producer.send({ topic: topicB, acks: -1, messages: [{ value: 'b0' }, { value: 'b1' }] })
  await producer.disconnect()
  admin = kafka.admin()
  await admin.connect()
  plt = new PltAdmin({ clientId: 'ferry-test', bootstrapBrokers: bootstrap.split(',') })
  for (const g of [emptyClassic, partial, live]) {
    await commit(g, topicA, [1, 2])
    await commit(g, topicB, [1])
  }
  // KIP-848 groups exist only once a KIP-848 consumer joined: one console consumer per group, then all stopped.
  if (modern) {
    const libs = inject('kafkaLibs')
    for (const group of Object.values(kip848))
      java.push(startConsoleConsumer(libs, { bootstrap, topic: topicA, group, protocol: 'consumer' }))
  }
  consumer = kafka.consumer({ groupId: live, sessionTimeout: 10_000 })
  await consumer.connect()
  await consumer.subscribe({ topic: topicA })
  await consumer.run({ eachMessage: async () => {} })
  await until(
    'live group Stable',
    async () => (await describeGroup('test', live)).state,
    (s) => s === 'Stable',
  )
  if (modern) {
    for (const group of Object.values(kip848)) {
      await until(
        `${group} joined`,
        async () => (await describeGroup('test', group).catch(() => null))?.members.length ?? 0,
        (n) => n === 1,
        45_000,
      )
    }
    await Promise.all(java.map((j) => j.stop()))
    for (const group of Object.values(kip848)) {
      await until(
        `${group} Empty`,
        async () => (await describeGroup('test', group)).state,
        (s) => s === 'Empty',
      )
    }
  }
}, 120_000)

afterAll(async () => {
  await Promise.allSettled([consumer?.disconnect(), admin?.disconnect(), plt?.close(), ...java.map((j) => j.stop())])
  await closeAllClients()
})

describe('delete a group', () => {
  it('an Empty classic group is gone from the CLI --list, and audited with its offsets', async () => {
    expect(await listed()).toContain(emptyClassic)
    const result = await deleteGroup('test', emptyClassic, 'tester')
    expect(result).toEqual({ groupId: emptyClassic, deleted: true, audit: { recorded: true } })
    expect(await listed()).not.toContain(emptyClassic)
    const entry = (await listAuditEntries('test', { limit: 100 })).find(
      (e) => e.action === 'group.delete' && e.target.group === emptyClassic,
    )
    expect(entry).toMatchObject({ result: 'ok', actor: 'tester', params: { type: 'classic', state: 'Empty' } })
    expect(((entry?.params ?? {}) as { offsetsBefore?: unknown[] }).offsetsBefore).toEqual(
      expect.arrayContaining([
        { topic: topicA, partition: 1, offset: '2' },
        { topic: topicB, partition: 0, offset: '1' },
      ]),
    )
  })

  it.runIf(modern)('an Empty KIP-848 (consumer-type) group is gone too', async () => {
    expect(await typesOf([kip848.ferry])).toEqual({ [kip848.ferry]: 'Consumer' })
    expect((await deleteGroup('test', kip848.ferry, 'tester')).deleted).toBe(true)
    expect(await listed()).not.toContain(kip848.ferry)
  })

  it('an unknown group is 404', async () => {
    await expect(deleteGroup('test', uniqueName('nobody'), 'tester')).rejects.toMatchObject({ code: 'not_found' })
  })
})

describe("delete a group's offsets on one topic", () => {
  it("removes only that topic's rows from --describe, and audits the offsets it removed", async () => {
    const result = await deleteGroupOffsets('test', partial, topicB, 'tester')
    expect(result).toEqual({ groupId: partial, topic: topicB, partitions: [0], audit: { recorded: true } })
    expect(committedOf(await groupCli(['--describe', '--group', partial]), partial)).toEqual({
      [`${topicA}-0`]: '1',
      [`${topicA}-1`]: '2',
    })
    const entry = (await listAuditEntries('test', { limit: 100 })).find(
      (e) => e.action === 'group.delete-offsets' && e.target.group === partial,
    )
    expect(entry).toMatchObject({
      result: 'ok',
      target: { group: partial, topic: topicB },
      params: { topic: topicB, partitions: [0], offsetsBefore: [{ partition: 0, offset: '1' }] },
    })
  })

  it('works on a live group for a topic its members do not read; refused (409) for one they do', async () => {
    await expect(deleteGroupOffsets('test', live, topicB, 'tester')).resolves.toMatchObject({ partitions: [0] })
    await expect(deleteGroupOffsets('test', live, topicA, 'tester')).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining(`1 member of group "${live}" is subscribed to topic "${topicA}"`),
    })
    expect(Object.keys(committedOf(await groupCli(['--describe', '--group', live]), live)).sort()).toEqual([
      `${topicA}-0`,
      `${topicA}-1`,
    ])
  })

  it('404 for a topic without offsets and for an unknown group', async () => {
    await expect(deleteGroupOffsets('test', partial, topicB, 'tester')).rejects.toMatchObject({ code: 'not_found' })
    await expect(deleteGroupOffsets('test', uniqueName('nobody'), topicA, 'tester')).rejects.toMatchObject({
      code: 'not_found',
    })
  })
})

describe('what kafkajs 2.2.4 cannot do here', () => {
  it('has no OffsetDelete request at all (API key 47)', () => {
    const { requests } = createRequire(import.meta.url)('kafkajs/src/protocol/requests') as {
      requests: Record<string, unknown>
    }
    expect(Object.keys(requests)).toContain('DeleteGroups')
    expect(Object.keys(requests)).not.toContain('OffsetDelete')
  })

  it.runIf(modern)(
    'setOffsets joins the group as a classic consumer: seconds per call, and a KIP-848 group becomes classic',
    async () => {
      const t0 = Date.now()
      await admin.setOffsets({ groupId: kip848.setOffsets, topic: topicA, partitions: [{ partition: 0, offset: '0' }] })
      const kafkajsMs = Date.now() - t0
      expect(kafkajsMs).toBeGreaterThan(2_000) // measured ≈5 s on 4.3.1 and 3.9.1
      expect(await typesOf([kip848.setOffsets])).toEqual({ [kip848.setOffsets]: 'Classic' })
      // Ferry commits as an admin (OffsetCommit, generation -1): no join, the group keeps its type.
      const t1 = Date.now()
      await executeOffsetReset(
        'test',
        kip848.kafkajs,
        { scope: { topics: [{ topic: topicA }] }, mode: { kind: 'latest' } },
        'tester',
      )
      expect(Date.now() - t1).toBeLessThan(kafkajsMs)
      expect(await typesOf([kip848.kafkajs])).toEqual({ [kip848.kafkajs]: 'Consumer' })
    },
  )

  it.runIf(modern)('deleteGroups works for consumer-type groups too, but hides the reason of a refusal', async () => {
    const refused = await admin
      .deleteGroups([live])
      .catch((e: { name: string; message: string; groups?: unknown[] }) => e)
    expect(refused).toMatchObject({ name: 'KafkaJSDeleteGroupsError', message: 'Error in DeleteGroups' })
    expect(await admin.deleteGroups([kip848.kafkajs])).toEqual([{ groupId: kip848.kafkajs, errorCode: 0 }])
    expect(await listed()).not.toContain(kip848.kafkajs)
  })
})
