import type { Producer } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { closeAllClients } from '@/lib/kafka/client'
import { getGroupDetail } from '@/lib/lag/get-group-detail'
import { runKafkaTool } from '../../scripts/kafka/broker'
import { type JavaProcess, startConsoleShareConsumer } from '../../scripts/kafka/java-process'
import { until } from '../../test/consumer-group-cli'
import { createTopicsAndWait, testKafka, uniqueName, useTestCluster } from '../../test/test-cluster'
import { fetchShareGroupOffsets } from './fetch-share-offsets'
import { getGroupList } from './get-group-list'

// A real share group (Kafka's ConsoleShareConsumer): Ferry's share-partition start offsets and lags must be what
// Kafka's own ShareGroupCommand --describe prints. Kafka 3.9 has no share groups: Ferry answers nothing, no error.

const SHARE_GROUP_COMMAND = 'org.apache.kafka.tools.consumer.group.ShareGroupCommand'
const CONFIG_COMMAND = 'kafka.admin.ConfigCommand'
const PARTITIONS = 3
const RECORDS_PER_PARTITION = 10

const modern = !inject('kafkaVersion').startsWith('3.')
const topic = uniqueName('share-t')
const group = uniqueName('g-share-offsets')

let producer: Producer | undefined
let consumer: JavaProcess | undefined

/** GROUP TOPIC PARTITION START-OFFSET LAG rows of the group, as "topic-partition start lag" ('-' when unknown). */
function cliOffsets(): string[] {
  const out = runKafkaTool(inject('kafkaLibs'), SHARE_GROUP_COMMAND, [
    '--bootstrap-server',
    inject('kafkaBootstrap'),
    '--describe',
    '--group',
    group,
  ])
  return out
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((cols) => cols[0] === group && cols.length === 5)
    .map(([, t, p, start, lag]) => `${t}-${p} ${start} ${lag}`)
    .sort()
}

/** Ferry's partitions of the group in the CLI's shape. */
async function ferryOffsets(): Promise<string[]> {
  const detail = await getGroupDetail('test', group)
  return detail.partitions.map((p) => `${p.topic}-${p.partition} ${p.committedOffset ?? '-'} ${p.lag ?? '-'}`).sort()
}

const numeric = (rows: string[]) => rows.length === PARTITIONS && rows.every((r) => /^\S+ \d+ \d+$/.test(r))

/** Ferry and the CLI read at nearly the same time, until they agree (the consumer moves meanwhile). */
async function agreeingOffsets(timeoutMs = 60_000): Promise<string[]> {
  const [, ours] = await until(
    'Ferry equals ShareGroupCommand',
    async () => {
      const ours = await ferryOffsets()
      return [cliOffsets(), ours, await ferryOffsets()] as const
    },
    ([cli, before, after]) => numeric(cli) && cli.join() === before.join() && cli.join() === after.join(),
    timeoutMs,
  )
  return [...ours]
}

async function produce(partition: number, count: number) {
  const messages = Array.from({ length: count }, (_, i) => ({ partition, value: `p${partition}-r${i}` }))
  await producer?.send({ topic, acks: -1, messages })
}

beforeAll(async () => {
  useTestCluster()
  if (!modern) return
  const bootstrap = inject('kafkaBootstrap')
  await createTopicsAndWait(bootstrap.split(','), [{ topic, numPartitions: PARTITIONS }])
  producer = testKafka().producer()
  await producer.connect()
  // share.auto.offset.reset defaults to "latest": a consumer slow to make its first fetch (a busy test machine) would
  // start past the records and never hold share-partition state. "earliest" makes the outcome independent of timing.
  runKafkaTool(inject('kafkaLibs'), CONFIG_COMMAND, [
    '--bootstrap-server',
    bootstrap,
    '--alter',
    '--entity-type',
    'groups',
    '--entity-name',
    group,
    '--add-config',
    'share.auto.offset.reset=earliest',
  ])
  for (let p = 0; p < PARTITIONS; p++) await produce(p, RECORDS_PER_PARTITION)
  consumer = startConsoleShareConsumer(inject('kafkaLibs'), { bootstrap, topic, group })
}, 180_000)

afterAll(async () => {
  await consumer?.stop()
  await producer?.disconnect()
  await closeAllClients()
})

describe.runIf(modern)('share group offsets (Kafka 4.x)', () => {
  it('start offsets and lags equal ShareGroupCommand --describe', async () => {
    await until('CLI shows numeric start offsets', cliOffsets, numeric)
    const ours = await agreeingOffsets()
    expect(ours).toHaveLength(PARTITIONS)
    const detail = await getGroupDetail('test', group)
    expect(detail.offsetKind).toBe('share-start')
    expect(detail.group.type).toBe('share')
    for (const p of detail.partitions) {
      expect(p.topic).toBe(topic)
      expect(p.endOffset).toBe(String(RECORDS_PER_PARTITION))
      expect(p.startOffset).toBe('0')
      // The live member holds every partition.
      expect(p.clientId).toBe('console-share-consumer')
    }
  }, 120_000)

  it('lag grows while nobody consumes, with its age and the groups page total', async () => {
    await consumer?.stop()
    const more = 5
    await produce(0, more)
    const ours = await until(
      'lag of the new records',
      () => agreeingOffsets(),
      (rows) => rows.some((r) => r.startsWith(`${topic}-0 `) && BigInt(r.split(' ')[2] ?? '0') >= BigInt(more)),
      90_000,
    )
    const cliTotal = ours.reduce((sum, r) => sum + BigInt(r.split(' ')[2] ?? '0'), 0n)
    const detail = await getGroupDetail('test', group)
    expect(detail.totalLag).toBe(cliTotal.toString())
    const p0 = detail.partitions.find((p) => p.partition === 0)
    expect(p0?.endOffset).toBe(String(RECORDS_PER_PARTITION + more))
    // The age of the record at the share-partition start offset, read from the log.
    expect(p0?.lagMsSource).toBe('record')
    expect(p0?.lagMs).toBeGreaterThanOrEqual(0)
    const row = (await getGroupList('test')).groups.find((g) => g.groupId === group)
    expect(row).toMatchObject({ type: 'share', totalLag: cliTotal.toString(), topics: [topic] })
    expect(row?.maxLagMs).toBeGreaterThanOrEqual(0)
  }, 150_000)

  it('a group without share state has no offsets', async () => {
    const nobody = uniqueName('nobody')
    expect((await fetchShareGroupOffsets('test', [nobody])).get(nobody) ?? []).toEqual([])
  })
})

describe.runIf(!modern)('share group offsets (Kafka 3.9)', () => {
  it('brokers without DescribeShareGroupOffsets answer an empty map', async () => {
    const offsets = await fetchShareGroupOffsets('test', [uniqueName('g-share'), uniqueName('g-other')])
    expect(offsets.size).toBe(0)
  })
})
