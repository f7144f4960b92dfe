import type { Consumer } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { listAuditEntries } from '@/lib/audit/list-audit-entries'
import { replaceConfig } from '@/lib/config'
import { FerryConfigSchema } from '@/lib/config/schema'
import type { ApiError } from '@/lib/errors'
import { deleteGroup } from '@/lib/groups/actions/delete-group'
import { deleteGroupOffsets } from '@/lib/groups/actions/delete-group-offsets'
import { describeGroup } from '@/lib/groups/describe-group'
import { closeAllClients } from '@/lib/kafka/client'
import { fetchCommittedOffsets } from '@/lib/lag/fetch-committed-offsets'
import { type JavaProcess, startConsoleConsumer } from '../../../scripts/kafka/java-process'
import { committedOf, groupCli, until } from '../../../test/consumer-group-cli'
import { createTopicsAndWait, testKafka, uniqueName, useTestCluster } from '../../../test/test-cluster'
import { executeOffsetReset } from './execute-offset-reset'
import { planOffsetReset } from './plan-offset-reset'
import type { ResetOffsetsRequest } from './types'

// Resets are refused while a group has members (a kafkajs consumer in a classic group, Kafka's console consumer in a
// KIP-848 group) and on a read-only cluster; the preview still answers and says why. Nothing changes on refusal.

const modern = !inject('kafkaVersion').startsWith('3.')
const topic = uniqueName('refuse-t')
const classic = uniqueName('refuse-classic')
const kip848 = uniqueName('refuse-kip848')
const EARLIEST: ResetOffsetsRequest = { scope: { topics: [{ topic }] }, mode: { kind: 'earliest' } }

let consumer: Consumer | undefined
let java: JavaProcess | undefined

const offsetsOf = async (group: string) =>
  ((await fetchCommittedOffsets('test', [group])).get(group) ?? []).sort((a, b) => a.partition - b.partition)

beforeAll(async () => {
  const { bootstrap } = useTestCluster([{ id: 'ro', brokers: inject('kafkaBootstrap').split(','), readOnly: true }])
  await createTopicsAndWait(bootstrap.split(','), [{ topic, numPartitions: 2 }])
  const kafka = testKafka()
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 })
  await producer.connect()
  await producer.send({
    topic,
    acks: -1,
    messages: Array.from({ length: 10 }, (_, i) => ({ partition: i % 2, value: `r${i}` })),
  })
  await producer.disconnect()
  consumer = kafka.consumer({ groupId: classic, sessionTimeout: 10_000 })
  await consumer.connect()
  await consumer.subscribe({ topic, fromBeginning: true })
  await consumer.run({ autoCommitInterval: 100, eachMessage: async () => {} })
  if (modern)
    java = startConsoleConsumer(inject('kafkaLibs'), { bootstrap, topic, group: kip848, protocol: 'consumer' })
  await until(
    'classic group consumed everything',
    async () => (await offsetsOf(classic)).map((o) => o.offset).join(','),
    (v) => v === '5,5',
  )
  await until(
    'classic group Stable',
    async () => (await describeGroup('test', classic)).state,
    (s) => s === 'Stable',
  )
  if (modern) {
    await until(
      'KIP-848 group Stable',
      async () => {
        const d = await describeGroup('test', kip848).catch(() => null)
        return d && `${d.type} ${d.state} ${d.members.length}`
      },
      (v) => v === 'consumer Stable 1',
      45_000,
    )
  }
}, 90_000)

afterAll(async () => {
  await Promise.allSettled([consumer?.disconnect(), java?.stop()])
  await closeAllClients()
})

describe('a classic group with an active member', () => {
  it('previews with the reason, refuses to execute (409), changes nothing and audits the refusal', async () => {
    const before = await offsetsOf(classic)
    const preview = await planOffsetReset('test', classic, EARLIEST)
    expect(preview.blockedReason).toMatch(new RegExp(`Group "${classic}" is Stable with 1 active member`))
    expect(preview.group).toMatchObject({ exists: true, type: 'classic', state: 'Stable', members: 1 })
    expect(preview.rows.map((r) => r.targetOffset)).toEqual(['0', '0'])
    const err = (await executeOffsetReset('test', classic, EARLIEST, 'tester').catch((e) => e)) as ApiError
    expect(err).toMatchObject({ code: 'conflict', message: preview.blockedReason })
    expect(err.details).toMatchObject({ state: 'Stable', members: 1, audit: { recorded: true } })
    expect(await offsetsOf(classic)).toEqual(before)
    const entry = (await listAuditEntries('test', { limit: 100 })).find(
      (e) => e.target.group === classic && e.action === 'group.reset-offsets',
    )
    expect(entry).toMatchObject({ result: 'error', error: preview.blockedReason, actor: 'tester' })
  })

  it('refuses to delete the group while it has members (409)', async () => {
    await expect(deleteGroup('test', classic, 'tester')).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('1 active member'),
    })
    expect((await describeGroup('test', classic)).state).toBe('Stable')
  })
})

describe('a read-only cluster', () => {
  it('refuses every mutation with 403; the preview answers and says why', async () => {
    const before = await offsetsOf(classic)
    for (const attempt of [
      executeOffsetReset('ro', classic, EARLIEST, 'tester'),
      deleteGroup('ro', classic, 'tester'),
      deleteGroupOffsets('ro', classic, topic, 'tester'),
    ]) {
      await expect(attempt).rejects.toMatchObject({
        code: 'forbidden',
        message: expect.stringMatching(/^Cluster "ro" is read-only/),
      })
    }
    const preview = await planOffsetReset('ro', classic, EARLIEST)
    expect(preview.blockedReason).toMatch(/read-only/)
    expect(await offsetsOf(classic)).toEqual(before)
  })
})

describe.runIf(modern)('a KIP-848 consumer group', () => {
  it('is refused while its member runs, and reset once it is Empty, as Kafka requires', async () => {
    const preview = await planOffsetReset('test', kip848, EARLIEST)
    expect(preview.group).toMatchObject({ type: 'consumer', state: 'Stable', members: 1 })
    expect(preview.blockedReason).toMatch(/1 active member.*KIP-848/)
    await expect(executeOffsetReset('test', kip848, EARLIEST, 'tester')).rejects.toMatchObject({ code: 'conflict' })
    await java?.stop()
    await until(
      'KIP-848 group Empty',
      async () => (await describeGroup('test', kip848)).state,
      (s) => s === 'Empty',
    )
    const result = await executeOffsetReset('test', kip848, EARLIEST, 'tester')
    expect(result.applied.map((r) => r.targetOffset)).toEqual(['0', '0'])
    expect(result.audit.recorded).toBe(true)
    const committed = committedOf(await groupCli(['--describe', '--group', kip848]), kip848)
    expect(committed).toEqual({ [`${topic}-0`]: '0', [`${topic}-1`]: '0' })
    // An admin commit leaves the group a KIP-848 group (kafkajs' setOffsets would join it as a classic consumer).
    expect((await describeGroup('test', kip848)).type).toBe('consumer')
  })
})

describe('an audit write that fails', () => {
  it('does not undo the reset; the result says it is not audited, and why', async () => {
    // An audit topic that takes no record of this size: the write fails after the commit succeeded.
    const prefix = `${uniqueName('audit-fail')}.`
    await createTopicsAndWait(inject('kafkaBootstrap').split(','), [
      { topic: `${prefix}audit`, configEntries: [{ name: 'max.message.bytes', value: '200' }] },
    ])
    replaceConfig({
      config: FerryConfigSchema.parse({
        clusters: [{ id: 'test', brokers: inject('kafkaBootstrap').split(',') }],
        stateTopicPrefix: prefix,
      }),
      source: 'test',
    })
    try {
      const group = uniqueName('audit-fail-g')
      const result = await executeOffsetReset(
        'test',
        group,
        { scope: { topics: [{ topic }] }, mode: { kind: 'latest' } },
        'tester',
      )
      expect(result.audit.recorded).toBe(false)
      expect(result.audit.reason).toMatch(/audit record could not be written/)
      expect((await offsetsOf(group)).map((o) => o.offset)).toEqual(['5', '5'])
    } finally {
      useTestCluster([{ id: 'ro', brokers: inject('kafkaBootstrap').split(','), readOnly: true }])
    }
  })
})
