import { Admin as PltAdmin } from '@platformatic/kafka'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GET as getConfigsRoute } from '@/app/api/clusters/[clusterId]/topics/[topic]/configs/route'
import { GET as getConsumersRoute } from '@/app/api/clusters/[clusterId]/topics/[topic]/consumers/route'
import { GET as getDetailRoute } from '@/app/api/clusters/[clusterId]/topics/[topic]/route'
import { ApiError } from '@/lib/errors'
import { closeAllClients } from '@/lib/kafka/client'
import { groupCli } from '../../test/consumer-group-cli'
import { createTopicsAndWait, testKafka, uniqueName, useTestCluster } from '../../test/test-cluster'
import { getTopicConfigs } from './get-topic-configs'
import { getTopicConsumers } from './get-topic-consumers'
import { getTopicDetail } from './get-topic-detail'

// Ferry's topic page against Kafka's own tools: TopicCommand, GetOffsetShell, ConfigCommand, ConsumerGroupCommand.

const TOPIC_COMMAND = 'org.apache.kafka.tools.TopicCommand'
const GET_OFFSET_SHELL = 'org.apache.kafka.tools.GetOffsetShell'
const CONFIG_COMMAND = 'kafka.admin.ConfigCommand'

const topic = uniqueName('detail')
const other = uniqueName('detail-other')
const both = uniqueName('tg-both') // commits on partitions 0 and 1
const one = uniqueName('tg-one') // commits on partition 2 only
const elsewhere = uniqueName('tg-else') // commits on another topic only

let plt: PltAdmin

beforeAll(async () => {
  const { bootstrap } = useTestCluster()
  await createTopicsAndWait(bootstrap.split(','), [
    { topic, numPartitions: 3, configEntries: [{ name: 'retention.ms', value: '3600000' }] },
    { topic: other, numPartitions: 1 },
  ])
  const producer = testKafka().producer({ idempotent: true, maxInFlightRequests: 1 })
  await producer.connect()
  for (const [partition, n] of [
    [0, 10],
    [1, 20],
    [2, 30],
  ] as const) {
    await producer.send({
      topic,
      acks: -1,
      messages: Array.from({ length: n }, (_, i) => ({ partition, key: `k${i}`, value: `value-${i}` })),
    })
  }
  await producer.send({ topic: other, acks: -1, messages: [{ value: 'x' }] })
  await producer.disconnect()
  plt = new PltAdmin({ clientId: 'ferry-test', bootstrapBrokers: bootstrap.split(',') })
  // A low watermark above 0 on partition 0, so low and high are both checked.
  await plt.deleteRecords({ topics: [{ name: topic, partitions: [{ partition: 0, offset: 4n }] }] })
  const commit = (groupId: string, name: string, offsets: [number, number][]) =>
    plt.alterConsumerGroupOffsets({
      groupId,
      topics: [{ name, partitionOffsets: offsets.map(([partition, o]) => ({ partition, offset: BigInt(o) })) }],
    })
  await commit(both, topic, [
    [0, 6],
    [1, 20],
  ])
  await commit(one, topic, [[2, 25]])
  await commit(elsewhere, other, [[0, 0]])
  // An override set with Kafka's own tool, beside the one given at creation.
  const altered = await groupCli(
    ['--alter', '--entity-type', 'topics', '--entity-name', topic, '--add-config', 'max.message.bytes=2000000'],
    CONFIG_COMMAND,
  )
  expect(altered).not.toMatch(/^ERROR/)
})

afterAll(async () => {
  await plt?.close()
  await closeAllClients()
})

describe('getTopicDetail', () => {
  it('matches TopicCommand --describe (leaders, replicas, ISR, id) and GetOffsetShell (watermarks)', async () => {
    const [detail, described, latest, earliest] = await Promise.all([
      getTopicDetail('test', topic),
      groupCli(['--describe', '--topic', topic], TOPIC_COMMAND),
      groupCli(['--topic', topic, '--time', '-1'], GET_OFFSET_SHELL),
      groupCli(['--topic', topic, '--time', '-2'], GET_OFFSET_SHELL),
    ])
    const cliPartitions = [
      ...described.matchAll(/Partition: (\d+)\s+Leader: (\S+)\s+Replicas: ([\d,]*)\s+Isr: ([\d,]*)/g),
    ].map(([, partition, leader, replicas, isr]) => ({
      partition: Number(partition),
      leader: leader === 'none' ? -1 : Number(leader),
      replicas: (replicas ?? '').split(',').filter(Boolean).map(Number),
      isr: (isr ?? '').split(',').filter(Boolean).map(Number),
    }))
    expect(cliPartitions).toHaveLength(3)
    expect(
      detail.partitions.map(({ partition, leader, replicas, isr }) => ({ partition, leader, replicas, isr })),
    ).toEqual(cliPartitions)
    expect(detail.topicId).toBe(/TopicId: (\S+)/.exec(described)?.[1])
    expect(detail.partitionCount).toBe(Number(/PartitionCount: (\d+)/.exec(described)?.[1]))
    expect(detail.replicationFactor).toBe(Number(/ReplicationFactor: (\d+)/.exec(described)?.[1]))
    const offsetsOf = (out: string) =>
      Object.fromEntries(
        out
          .split('\n')
          .map((l) => l.trim().split(':'))
          .filter((cols) => cols[0] === topic)
          .map(([, p, o]) => [Number(p), o]),
      )
    const highs = offsetsOf(latest)
    const lows = offsetsOf(earliest)
    expect(highs).toEqual({ 0: '10', 1: '20', 2: '30' })
    expect(lows).toEqual({ 0: '4', 1: '0', 2: '0' })
    for (const p of detail.partitions) {
      expect(p.high).toBe(highs[p.partition])
      expect(p.low).toBe(lows[p.partition])
      expect(p.messages).toBe(String(Number(highs[p.partition]) - Number(lows[p.partition])))
      expect(p).toMatchObject({ offline: false, underReplicated: false, offlineReplicas: [] })
    }
    expect(detail).toMatchObject({
      name: topic,
      internal: false,
      messageCount: '56',
      underReplicatedPartitions: 0,
      offlinePartitions: 0,
      logSizesUnavailable: null,
    })
  })

  it('reads log sizes per partition and per broker from DescribeLogDirs', async () => {
    const detail = await getTopicDetail('test', topic)
    for (const p of detail.partitions) expect(p.sizeBytes).toBeGreaterThan(0)
    // 30 records of ~10 bytes each cannot take less than 300 bytes.
    expect(detail.partitions[2]?.sizeBytes).toBeGreaterThan(300)
    expect(detail.brokerSizes).toHaveLength(1)
    expect(detail.brokerSizes[0]).toMatchObject({ partitions: 3, bytes: detail.sizeBytes })
    expect(detail.brokerSizes[0]?.logDirs.length).toBeGreaterThan(0)
  })

  it('flags Kafka internal topics', async () => {
    const detail = await getTopicDetail('test', '__consumer_offsets')
    expect(detail).toMatchObject({ internal: true, partitionCount: 50 })
  })
})

describe('getTopicConfigs', () => {
  it('equals ConfigCommand --describe --all: every key, value, and whether it is set on the topic', async () => {
    const [ferry, cli] = await Promise.all([
      getTopicConfigs('test', topic),
      groupCli(['--describe', '--entity-type', 'topics', '--entity-name', topic, '--all'], CONFIG_COMMAND),
    ])
    const rows = [...cli.matchAll(/^\s+([\w.]+)=(.*) sensitive=(true|false) synonyms=\{(.*)\}$/gm)].map(
      ([, name, value, sensitive, synonyms]) => ({
        name,
        value: sensitive === 'true' ? null : value === 'null' ? null : value,
        source: /^(\w+):/.exec(synonyms ?? '')?.[1] ?? 'DEFAULT_CONFIG',
        sensitive: sensitive === 'true',
      }),
    )
    expect(rows.length).toBeGreaterThan(20)
    const ours = ferry.configs.map((c) => ({ name: c.name, value: c.value, source: c.source, sensitive: c.sensitive }))
    expect(ours).toEqual(rows.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '')))
    const overrides = ferry.configs.filter((c) => c.isOverride).map((c) => [c.name, c.value])
    expect(overrides).toEqual([
      ['max.message.bytes', '2000000'],
      ['retention.ms', '3600000'],
    ])
    const retention = ferry.configs.find((c) => c.name === 'retention.ms')
    expect(retention?.synonyms[0]).toEqual({ name: 'retention.ms', value: '3600000', source: 'DYNAMIC_TOPIC_CONFIG' })
    expect(ferry.configs.find((c) => c.name === 'cleanup.policy')).toMatchObject({ isDefault: true, isOverride: false })
    // DescribeConfigs v3+ carries documentation; kafkajs (v2 at most) cannot ask for it.
    expect(retention?.documentation).toMatch(/\S/)
  })

  it('gets the same sources as kafkajs with synonyms (which lacks the documentation)', async () => {
    const admin = testKafka().admin()
    await admin.connect()
    try {
      const res = await admin.describeConfigs({ includeSynonyms: true, resources: [{ type: 2, name: topic }] })
      const sources = ['UNKNOWN', 'DYNAMIC_TOPIC_CONFIG', 'DYNAMIC_BROKER_CONFIG', 'DYNAMIC_DEFAULT_BROKER_CONFIG']
      sources.push('STATIC_BROKER_CONFIG', 'DEFAULT_CONFIG')
      const kafkajs = Object.fromEntries(
        (res.resources[0]?.configEntries ?? []).map((e) => [e.configName, sources[e.configSource] ?? 'UNKNOWN']),
      )
      const ferry = await getTopicConfigs('test', topic)
      expect(Object.fromEntries(ferry.configs.map((c) => [c.name, c.source]))).toEqual(kafkajs)
      const first = res.resources[0]?.configEntries[0] as unknown as Record<string, unknown> | undefined
      expect(first).toBeDefined()
      expect(first?.documentation).toBeUndefined()
    } finally {
      await admin.disconnect()
    }
  })
})

describe('getTopicConsumers', () => {
  it('lists the groups ConsumerGroupCommand shows with offsets on the topic, with the same lag', async () => {
    const [ferry, cli] = await Promise.all([getTopicConsumers('test', topic), groupCli(['--describe', '--all-groups'])])
    // GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG …
    const lagOf = new Map<string, number>()
    for (const [group = '', t, , , , lag] of cli.split('\n').map((l) => l.trim().split(/\s+/))) {
      if (t === topic) lagOf.set(group, (lagOf.get(group) ?? 0) + Number(lag))
    }
    expect(Object.fromEntries(lagOf)).toEqual({ [both]: 4, [one]: 5 })
    const ours = ferry.consumers
    expect(ours.map((c) => [c.groupId, Number(c.lag), c.partitions])).toEqual(
      [
        [both, 4, 2],
        [one, 5, 1],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    )
    for (const c of ours) {
      expect(c).toMatchObject({ offsetKind: 'committed', members: 0, state: 'Empty' })
      // Both have unconsumed records: their age is read from the record at the committed offset.
      expect(c.maxLagMs).toBeGreaterThanOrEqual(0)
    }
  })
})

describe('unknown topic', () => {
  it('is not_found for detail, configs and consumers', async () => {
    const missing = uniqueName('missing')
    for (const read of [getTopicDetail, getTopicConfigs, getTopicConsumers]) {
      const err = await read('test', missing).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(ApiError)
      expect(err).toMatchObject({ code: 'not_found' })
    }
    // Looking did not create it.
    const admin = testKafka().admin()
    await admin.connect()
    expect(await admin.listTopics()).not.toContain(missing)
    await admin.disconnect()
  })
})

describe('routes', () => {
  const call = (handler: typeof getDetailRoute, segment: string) =>
    handler(new Request('http://127.0.0.1/api'), { params: Promise.resolve({ clusterId: 'test', topic: segment }) })

  it('answer 200 with the topic, 404 for an unknown one and 422 for a name Kafka would refuse', async () => {
    const ok = await call(getDetailRoute, encodeURIComponent(topic))
    expect(ok.status).toBe(200)
    expect((await ok.json()).name).toBe(topic)
    expect((await call(getConfigsRoute, topic)).status).toBe(200)
    expect((await call(getConsumersRoute, topic)).status).toBe(200)
    const missing = await call(getDetailRoute, uniqueName('missing'))
    expect(missing.status).toBe(404)
    expect((await missing.json()).error.code).toBe('not_found')
    for (const bad of ['a%2Fb', 'x'.repeat(250), '..', 'sp%20ace']) {
      expect((await call(getConfigsRoute, bad)).status).toBe(422)
    }
  })
})
