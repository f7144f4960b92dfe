import { Admin as PltAdmin } from '@platformatic/kafka'
import type { Admin, Producer } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { closeAllClients } from '@/lib/kafka/client'
import { runKafkaTool } from '../../scripts/kafka/broker'
import { createTopicsAndWait, testKafka, uniqueName, useTestCluster } from '../../test/test-cluster'
import { fetchCommittedOffsets } from './fetch-committed-offsets'
import { fetchLagTimes, lagTimeKey } from './fetch-lag-times'
import { getLagSnapshot } from './get-lag-snapshot'

// Lag against the real broker: every number is checked against what the test produced and committed, and against
// what Kafka's own ConsumerGroupCommand prints for the same groups.

// Lag in time is compared with the known produce timestamps; the only slack is the time between Ferry's read and
// the test's clock reading (same machine, same clock).
const LAG_MS_TOLERANCE = 1_000

const a = uniqueName('lag-a') // 3 partitions: 10, 5 and 7 records
const b = uniqueName('lag-b') // 2 partitions: 4 records, none
const old = uniqueName('lag-old') // 1 partition: 10 records, the first 6 deleted
const gone = uniqueName('lag-gone') // deleted after a group committed on it
const g1 = uniqueName('g1')
const g2 = uniqueName('g2')
const gEmpty = uniqueName('g-empty')
const gGone = uniqueName('g-gone')
const gOld = uniqueName('g-old')
const many = Array.from({ length: 40 }, (_, i) => uniqueName(`g-many${i}`))
// Record i of a topic-partition is stamped base + i s, base one minute ago.
const base = Date.now() - 60_000

let admin: Admin
let producer: Producer
let plt: PltAdmin

async function produce(topic: string, partition: number, count: number) {
  const messages = Array.from({ length: count }, (_, i) => ({
    partition,
    value: `v${i}`,
    timestamp: String(base + i * 1_000),
  }))
  await producer.send({ topic, acks: -1, messages })
}

// An OffsetCommit without a member, as Kafka's CLI does: kafkajs' setOffsets joins the group as a consumer and takes
// about 5 s per call (measured), too slow for 45 groups.
async function commit(groupId: string, topic: string, offsets: Record<number, number>) {
  const partitionOffsets = Object.entries(offsets).map(([p, o]) => ({ partition: Number(p), offset: BigInt(o) }))
  await plt.alterConsumerGroupOffsets({ groupId, topics: [{ name: topic, partitionOffsets }] })
}

beforeAll(async () => {
  useTestCluster()
  const kafka = testKafka()
  admin = kafka.admin()
  // Idempotent: a retry while a new topic's leader settles must not write a record twice (exact lag is asserted).
  producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 })
  await Promise.all([admin.connect(), producer.connect()])
  await createTopicsAndWait(inject('kafkaBootstrap').split(','), [
    { topic: a, numPartitions: 3 },
    { topic: b, numPartitions: 2 },
    { topic: old, numPartitions: 1 },
    { topic: gone, numPartitions: 1 },
  ])
  await produce(a, 0, 10)
  await produce(a, 1, 5)
  await produce(a, 2, 7)
  await produce(b, 0, 4)
  await produce(old, 0, 10)
  await produce(gone, 0, 3)
  // Retention stand-in: records 0–5 of `old` deleted, low watermark 6. kafkajs' deleteTopicRecords fails on KRaft.
  plt = new PltAdmin({ clientId: 'ferry-test', bootstrapBrokers: inject('kafkaBootstrap').split(',') })
  await plt.deleteRecords({ topics: [{ name: old, partitions: [{ partition: 0, offset: 6n }] }] })

  await commit(g1, a, { 0: 3, 1: 5 }) // a-2: no commit
  await commit(g1, b, { 0: 1 }) // b-1: no commit
  await commit(g2, a, { 0: 3, 1: 0, 2: 9 }) // a-2 committed past the end (7)
  await commit(gGone, gone, { 0: 1 })
  await commit(gGone, a, { 0: 10 })
  await commit(gOld, old, { 0: 2 })
  for (const [i, g] of many.entries()) await commit(g, a, { 0: i % 10 })

  await admin.deleteTopics({ topics: [gone] })
  for (let i = 0; i < 100 && (await admin.listTopics()).includes(gone); i++)
    await new Promise((r) => setTimeout(r, 100))
}, 120_000)

afterAll(async () => {
  await Promise.allSettled([admin?.disconnect(), producer?.disconnect(), plt?.close()])
  await closeAllClients()
})

const lagsOf = (
  partitions: { topic: string; partition: number; committedOffset: string | null; lag: string | null }[],
) =>
  partitions.map(
    (p) =>
      `${p.topic === a ? 'a' : p.topic === b ? 'b' : p.topic === old ? 'old' : p.topic}-${p.partition}:${p.committedOffset}:${p.lag}`,
  )

const floored = (lag = '') => (lag.startsWith('-') ? '0' : lag)

describe('getLagSnapshot', () => {
  it('gives the exact lag of many groups in one call', async () => {
    const snapshot = await getLagSnapshot('test', [g1, g2, gEmpty, gGone, gOld, ...many])
    expect(snapshot.size).toBe(5 + many.length)
    expect(lagsOf(snapshot.get(g1)?.partitions ?? [])).toEqual([
      // sorted by topic name: a before b
      ...(a < b ? ['a-0:3:7', 'a-1:5:0', 'a-2:null:null', 'b-0:1:3', 'b-1:null:null'] : []),
      ...(a > b ? ['b-0:1:3', 'b-1:null:null', 'a-0:3:7', 'a-1:5:0', 'a-2:null:null'] : []),
    ])
    expect(snapshot.get(g1)?.totalLag).toBe('10')
    expect(lagsOf(snapshot.get(g2)?.partitions ?? [])).toEqual(['a-0:3:7', 'a-1:0:5', 'a-2:9:0'])
    expect(snapshot.get(g2)?.totalLag).toBe('12')
    expect(snapshot.get(gEmpty)).toEqual({ partitions: [], totalLag: '0' })
    // The deleted topic is dropped, the surviving commit stays.
    expect(lagsOf(snapshot.get(gGone)?.partitions ?? [])).toEqual(['a-0:10:0', 'a-1:null:null', 'a-2:null:null'])
    // Below the low watermark: kept as committed, flagged by startOffset.
    expect(snapshot.get(gOld)?.partitions).toEqual([
      expect.objectContaining({ committedOffset: '2', startOffset: '6', endOffset: '10', lag: '8' }),
    ])
    for (const [i, g] of many.entries()) expect(snapshot.get(g)?.partitions[0]?.lag).toBe(String(10 - (i % 10)))
  })

  it('matches what Kafka ConsumerGroupCommand --describe prints', async () => {
    const groups = [g1, g2, gGone, gOld]
    const snapshot = await getLagSnapshot('test', groups)
    const out = runKafkaTool(inject('kafkaLibs'), 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand', [
      '--bootstrap-server',
      inject('kafkaBootstrap'),
      '--describe',
      ...groups.flatMap((g) => ['--group', g]),
    ])
    // GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG CONSUMER-ID HOST CLIENT-ID
    const cli = out
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter((cols) => groups.includes(cols[0] ?? ''))
      .map(
        ([group, topic, partition, current, end, lag]) =>
          `${group} ${topic}-${partition} ${current} ${end} ${floored(lag)}`,
      )
      .sort()
    const ours = groups
      .flatMap((g) =>
        (snapshot.get(g)?.partitions ?? [])
          .filter((p) => p.committedOffset !== null) // the CLI lists committed partitions of member-less groups
          .map((p) => `${g} ${p.topic}-${p.partition} ${p.committedOffset} ${p.endOffset} ${p.lag}`),
      )
      .sort()
    expect(ours.length).toBeGreaterThan(5)
    expect(ours).toEqual(cli)
    // The one deliberate difference: a commit past the log end (topic truncated or recreated) is lag 0 for Ferry,
    // which shows the offsets beside it; the CLI prints a negative lag.
    expect(out).toMatch(new RegExp(`${g2}\\s+${a}\\s+2\\s+9\\s+7\\s+-2`))
  })

  it('fetches committed offsets of a group on a deleted topic without failing', async () => {
    const committed = await fetchCommittedOffsets('test', [gGone, gEmpty])
    expect(committed.get(gEmpty)).toEqual([])
    expect(committed.get(gGone)).toContainEqual({ topic: a, partition: 0, offset: '10' })
  })
})

describe('fetchLagTimes', () => {
  it('reads the age of the record at the committed offset, once per distinct offset', async () => {
    const snapshot = await getLagSnapshot('test', [g1, g2, gOld, gGone])
    const items = [...snapshot.values()].flatMap((s) => s.partitions)
    const times = await fetchLagTimes('test', items)
    const now = Date.now()
    expect(times.cut).toBeNull()
    const expectAge = (topic: string, partition: number, offset: string, recordIndex: number) => {
      const t = times.get(lagTimeKey(topic, partition, offset))
      expect(t?.source).toBe('record')
      const expected = now - (base + recordIndex * 1_000)
      expect(Math.abs((t?.lagMs ?? 0) - expected)).toBeLessThanOrEqual(LAG_MS_TOLERANCE)
      return (t?.lagMs ?? 0) - expected
    }
    const errors = [
      expectAge(a, 0, '3', 3), // g1 and g2 share this read
      expectAge(a, 1, '0', 0),
      expectAge(b, 0, '1', 1),
      // Records 2–5 deleted: the first record still there (6) is read; its age is a lower bound.
      expectAge(old, 0, '2', 6),
    ]
    console.log(`lag-in-time error vs produce timestamps (ms): ${errors.map((e) => e.toFixed(0)).join(', ')}`)
    expect(times.get(lagTimeKey(a, 1, '5'))).toEqual({ lagMs: null, source: 'none' }) // lag 0
    expect(times.get(lagTimeKey(a, 2, '9'))).toEqual({ lagMs: null, source: 'none' }) // past the end
    expect([...times.keys()].filter((k) => k.startsWith(`${a}\u00000\u0000`))).toEqual([
      lagTimeKey(a, 0, '3'),
      lagTimeKey(a, 0, '10'),
    ])
  })

  it('answers none, without crashing, for a deleted topic', async () => {
    const times = await fetchLagTimes('test', [{ topic: gone, partition: 0, committedOffset: '1', lag: '2' }])
    expect(times.get(lagTimeKey(gone, 0, '1'))).toEqual({ lagMs: null, source: 'none' })
  })

  it('says when the partition cap cut the work', async () => {
    const items = [0, 1].map((partition) => ({ topic: a, partition, committedOffset: '0', lag: '1' }))
    const times = await fetchLagTimes('test', items, { maxPartitions: 1 })
    expect(times.cut).toEqual({ reason: 'max_partitions', skipped: 1 })
    expect(times.get(lagTimeKey(a, 0, '0'))?.source).toBe('record')
    expect(times.get(lagTimeKey(a, 1, '0'))?.source).toBe('none')
  })

  it('says when the time budget cut the work', async () => {
    const items = [{ topic: a, partition: 0, committedOffset: '0', lag: '1' }]
    const times = await fetchLagTimes('test', items, { budgetMs: 0 })
    expect(times.cut).toEqual({ reason: 'time_budget', skipped: 1 })
  })
})
