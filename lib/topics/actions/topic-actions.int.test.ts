import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { runKafkaTool } from '../../../scripts/kafka/broker'
import { createTopicsAndWait, testKafka, uniqueName, useClusters, useTestCluster } from '../../../test/test-cluster'
import { listAuditEntries } from '../../audit/list-audit-entries'
import { getConfig } from '../../config'
import { closeAllClients } from '../../kafka/client'
import { alterTopicConfigs, createTopic, deleteTopic, planAlterTopicConfigs, planPurge, purgeTopic } from '.'

// Every answer is compared with Kafka's own CLI tools (TopicCommand, ConfigCommand, GetOffsetShell).
const bootstrap = () => inject('kafkaBootstrap')
const tool = (main: string, args: string[]) =>
  runKafkaTool(inject('kafkaLibs'), main, ['--bootstrap-server', bootstrap(), ...args])
const topicCli = (args: string[]) => tool('org.apache.kafka.tools.TopicCommand', args)
const configsCli = (topic: string) =>
  tool('kafka.admin.ConfigCommand', ['--entity-type', 'topics', '--entity-name', topic, '--describe'])
const earliestCli = (topic: string) =>
  tool('org.apache.kafka.tools.GetOffsetShell', ['--topic', topic, '--time', '-2'])
    .trim()
    .split('\n')
    .map((l) => l.split(':'))
    .map(([, partition, offset]) => [Number(partition), offset])
    .sort((a, b) => Number(a[0]) - Number(b[0]))
const listed = () =>
  topicCli(['--list'])
    .split('\n')
    .map((l) => l.trim())

const produce = async (topic: string, perPartition: number[]) => {
  const producer = testKafka().producer({ idempotent: true, maxInFlightRequests: 1 })
  await producer.connect()
  for (const [partition, n] of perPartition.entries())
    await producer.send({
      topic,
      acks: -1,
      messages: Array.from({ length: n }, (_, i) => ({ partition, value: `${i}` })),
    })
  await producer.disconnect()
}

// An independent kafkajs admin for the cheaper checks (no JVM start); the CLI tools check the main claims.
const checker = testKafka().admin()
const kafkaTopics = () => checker.listTopics()

const auditOf = async (topic: string) =>
  (await listAuditEntries('test', { limit: 1_000 })).filter((e) => e.target.topic === topic)

beforeAll(async () => {
  useTestCluster([{ id: 'ro', brokers: bootstrap().split(','), readOnly: true }])
  await checker.connect()
})
afterAll(async () => {
  await checker.disconnect()
  await closeAllClients()
})

describe('createTopic', () => {
  it('creates the topic with its partitions, replication factor and configs, leaders elected, audited', async () => {
    const name = uniqueName('create')
    const result = await createTopic(
      'test',
      {
        name,
        partitions: 3,
        replicationFactor: 1,
        configs: { 'retention.ms': '3600000', 'cleanup.policy': 'compact' },
      },
      'tester',
    )
    expect(result).toMatchObject({ topic: name, dryRun: false, leadersReady: true, audit: { recorded: true } })
    const described = topicCli(['--describe', '--topic', name])
    expect(described).toMatch(
      new RegExp(`Topic: ${name}\\s+TopicId: \\S+\\s+PartitionCount: 3\\s+ReplicationFactor: 1`),
    )
    expect(described).toMatch(/Configs: .*cleanup\.policy=compact/)
    expect(described).toMatch(/retention\.ms=3600000/)
    expect((await auditOf(name)).map((e) => [e.action, e.result, e.actor])).toEqual([['topic.create', 'ok', 'tester']])
  })

  it("refuses an invalid config with the broker's reason; nothing is created, the refusal is audited", async () => {
    const name = uniqueName('badcfg')
    const failure = await createTopic(
      'test',
      { name, partitions: 1, replicationFactor: 1, configs: { 'retention.ms': 'forever' } },
      'tester',
    ).catch((e) => e)
    expect(failure).toMatchObject({ code: 'invalid_input' })
    expect(failure.message).toMatch(/Kafka refused: .*forever.*retention\.ms.* \(INVALID_CONFIG\)/)
    expect(await kafkaTopics()).not.toContain(name)
    expect((await auditOf(name)).map((e) => [e.action, e.result])).toEqual([['topic.create', 'error']])
  })

  it("kafkajs' createTopics drops the broker's reason (why Ferry sends CreateTopics itself)", async () => {
    const admin = testKafka().admin()
    await admin.connect()
    try {
      const failure = await admin
        .createTopics({
          validateOnly: true,
          topics: [{ topic: uniqueName('kjs'), configEntries: [{ name: 'retention.ms', value: 'forever' }] }],
        })
        .catch((e: { errors?: { type?: string; message?: string }[] }) => e)
      const inner = (failure as { errors?: { type?: string; message?: string }[] }).errors?.[0]
      expect(inner?.type).toBe('INVALID_CONFIG')
      expect(inner?.message).not.toMatch(/forever|retention\.ms/)
    } finally {
      await admin.disconnect()
    }
  })

  it('refuses a replication factor above the broker count and an illegal name, in words', async () => {
    await expect(
      createTopic('test', { name: uniqueName('rf'), partitions: 1, replicationFactor: 3, configs: {} }, 'tester'),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/Replication factor 3 is more than the 1 broker of/),
    })
    await expect(
      createTopic('test', { name: 'no spaces', partitions: 1, replicationFactor: 1, configs: {} }, 'tester'),
    ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/ASCII letters/) })
  })

  it('a dry run validates with Kafka and creates nothing', async () => {
    const name = uniqueName('dry')
    const result = await createTopic('test', { name, partitions: 2, replicationFactor: 1, configs: {} }, 'tester', {
      dryRun: true,
    })
    expect(result).toMatchObject({ dryRun: true, topic: name })
    expect(await kafkaTopics()).not.toContain(name)
  })
})

describe('deleteTopic', () => {
  it('deletes the topic (gone from TopicCommand --list), audited with its layout', async () => {
    const topic = uniqueName('del')
    await createTopicsAndWait(bootstrap().split(','), [{ topic, numPartitions: 2 }])
    await produce(topic, [3, 1])
    const result = await deleteTopic('test', topic, 'tester')
    expect(result).toEqual({ topic, deleted: true, audit: { recorded: true } })
    // KRaft brokers apply the deletion from the metadata log a moment later.
    const deadline = Date.now() + 10_000
    while ((await kafkaTopics()).includes(topic) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200))
    expect(listed()).not.toContain(topic)
    const [entry] = await auditOf(topic)
    expect(entry).toMatchObject({ action: 'topic.delete', result: 'ok', params: { partitions: 2, messageCount: '4' } })
  })

  it('refuses __consumer_offsets and a Ferry state topic by name; the state topic stays; audited', async () => {
    const state = `${getConfig().config.stateTopicPrefix}audit` // exists: the tests above wrote audit records
    await expect(deleteTopic('test', '__consumer_offsets', 'tester')).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/internal to Kafka/),
    })
    await expect(deleteTopic('test', state, 'tester')).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/Ferry's own state/),
    })
    expect(listed()).toContain(state)
    expect((await auditOf(state)).map((e) => [e.action, e.result])).toEqual([['topic.delete', 'error']])
  })

  it('404 for an unknown topic', async () => {
    await expect(deleteTopic('test', uniqueName('nope'), 'tester')).rejects.toMatchObject({ code: 'not_found' })
  })
})

describe('alterTopicConfigs', () => {
  it('sets and deletes overrides incrementally: the others are kept (ConfigCommand), audited', async () => {
    const topic = uniqueName('alter')
    await createTopicsAndWait(bootstrap().split(','), [
      {
        topic,
        configEntries: [
          { name: 'retention.ms', value: '100000' },
          { name: 'segment.bytes', value: '1048576' },
          { name: 'max.message.bytes', value: '2000' },
        ],
      },
    ])
    const request = {
      set: { 'retention.ms': '200000', 'min.cleanable.dirty.ratio': '0.3' },
      delete: ['max.message.bytes'],
    }
    const preview = await planAlterTopicConfigs('test', topic, request)
    expect(preview.changes).toEqual([
      { name: 'max.message.bytes', before: '2000', after: null },
      { name: 'min.cleanable.dirty.ratio', before: null, after: '0.3' },
      { name: 'retention.ms', before: '100000', after: '200000' },
    ])
    const result = await alterTopicConfigs('test', topic, request, 'tester')
    expect(result.overrides).toEqual({
      'retention.ms': '200000',
      'segment.bytes': '1048576',
      'min.cleanable.dirty.ratio': '0.3',
    })
    const cli = configsCli(topic)
    expect(cli).toMatch(/retention\.ms=200000/)
    expect(cli).toMatch(/segment\.bytes=1048576/) // untouched override kept
    expect(cli).toMatch(/min\.cleanable\.dirty\.ratio=0\.3/)
    expect(cli).not.toMatch(/max\.message\.bytes=/)
    expect((await auditOf(topic)).map((e) => [e.action, e.result])).toEqual([['topic.alter-configs', 'ok']])
  })

  it("kafkajs' alterConfigs (legacy AlterConfigs) wipes the overrides it is not given: why Ferry does not use it", async () => {
    const topic = uniqueName('legacy')
    await createTopicsAndWait(bootstrap().split(','), [
      { topic, configEntries: [{ name: 'segment.bytes', value: '1048576' }] },
    ])
    const admin = testKafka().admin()
    await admin.connect()
    try {
      await admin.alterConfigs({
        validateOnly: false,
        resources: [{ type: 2, name: topic, configEntries: [{ name: 'retention.ms', value: '5000' }] }],
      })
    } finally {
      await admin.disconnect()
    }
    const cli = configsCli(topic)
    expect(cli).toMatch(/retention\.ms=5000/)
    expect(cli).not.toMatch(/segment\.bytes=/)
  })

  it("refuses an invalid value with the broker's reason; nothing changes", async () => {
    const topic = uniqueName('alter-bad')
    await createTopicsAndWait(bootstrap().split(','), [
      { topic, configEntries: [{ name: 'retention.ms', value: '1000' }] },
    ])
    const failure = await alterTopicConfigs('test', topic, { set: { 'retention.ms': 'soon' }, delete: [] }, 't').catch(
      (e) => e,
    )
    expect(failure).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/soon.*\(INVALID_CONFIG\)/) })
    expect(configsCli(topic)).toMatch(/retention\.ms=1000/)
  })
})

describe('purgeTopic', () => {
  it('previews low/high per partition, then deletes the records (GetOffsetShell shows the new earliest offsets)', async () => {
    const topic = uniqueName('purge')
    await createTopicsAndWait(bootstrap().split(','), [{ topic, numPartitions: 3 }])
    await produce(topic, [10, 4, 0])
    const plan = await planPurge('test', topic, { beforeOffset: '6' })
    expect(plan.rows).toEqual([
      { partition: 0, lowBefore: '0', highBefore: '10', target: '6', deleted: '6' },
      { partition: 1, lowBefore: '0', highBefore: '4', target: '4', deleted: '4' },
      { partition: 2, lowBefore: '0', highBefore: '0', target: '0', deleted: '0' },
    ])
    expect(plan.totalDeleted).toBe('10')
    const result = await purgeTopic('test', topic, { beforeOffset: '6' }, 'tester')
    expect(result.rows.map((r) => [r.partition, r.lowAfter])).toEqual([
      [0, '6'],
      [1, '4'],
      [2, '0'],
    ])
    await purgeTopic('test', topic, { partitions: [0] }, 'tester')
    expect(earliestCli(topic)).toEqual([
      [0, '10'],
      [1, '4'],
      [2, '0'],
    ])
    expect((await auditOf(topic)).map((e) => [e.action, e.result])).toEqual([
      ['topic.purge', 'ok'],
      ['topic.purge', 'ok'],
    ])
  })
})

describe('a read-only cluster', () => {
  it('refuses every action with 403 and changes nothing', async () => {
    const topic = uniqueName('ro')
    await createTopicsAndWait(bootstrap().split(','), [
      // An hour: a short retention would let the broker delete the records this test checks are still there.
      { topic, configEntries: [{ name: 'retention.ms', value: '3600000' }] },
    ])
    await produce(topic, [3])
    useClusters([{ id: 'test', brokers: bootstrap().split(','), readOnly: true }])
    try {
      const name = uniqueName('ro-new')
      for (const attempt of [
        createTopic('test', { name, partitions: 1, replicationFactor: 1, configs: {} }, 't'),
        deleteTopic('test', topic, 't'),
        alterTopicConfigs('test', topic, { set: { 'retention.ms': '7200000' }, delete: [] }, 't'),
        purgeTopic('test', topic, {}, 't'),
        planPurge('test', topic, {}),
      ])
        await expect(attempt).rejects.toMatchObject({ code: 'forbidden', message: expect.stringMatching(/read-only/) })
      const topics = listed()
      expect(topics).toContain(topic)
      expect(topics).not.toContain(name)
      expect(configsCli(topic)).toMatch(/retention\.ms=3600000/)
      expect(earliestCli(topic)).toEqual([[0, '0']])
    } finally {
      useTestCluster([{ id: 'ro', brokers: bootstrap().split(','), readOnly: true }])
    }
  })
})
