import { Admin as PltAdmin } from '@platformatic/kafka'
import type { Consumer, Producer } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { replaceConfig } from '@/lib/config'
import { FerryConfigSchema } from '@/lib/config/schema'
import { closeAllClients } from '@/lib/kafka/client'
import { createTopicsAndWait, testKafka, uniqueName } from '../../test/test-cluster'
import { collectGroupLags } from './collect-group-lags'
import type { GroupLagSample } from './history-types'
import { judgeGroups } from './judge-groups'
import { sampleOf } from './sample-of'

// Each verdict reached by a controlled scenario on the real broker: records produced and offsets committed between
// readings, each reading taken by the same code as the groups page, the window judged as the sampler's would be.

const WINDOW = 4
const topic = uniqueName('verdict-t')
const tiny = uniqueName('verdict-tiny') // retention.ms 60 s
const healthy = uniqueName('v-healthy')
const growing = uniqueName('v-growing')
const stalled = uniqueName('v-stalled')
const stopped = uniqueName('v-stopped')
const risky = uniqueName('v-risky')

let producer: Producer
let plt: PltAdmin
const consumers = new Map<string, Consumer>()
const history = new Map<string, GroupLagSample[]>()
let produced = 0

async function produce(count: number, to = topic, timestamp?: number) {
  await producer.send({
    topic: to,
    acks: -1,
    messages: Array.from({ length: count }, (_, i) => ({
      value: `m${i}`,
      ...(timestamp ? { timestamp: String(timestamp) } : {}),
    })),
  })
  if (to === topic) produced += count
}

/** A live member that never commits by itself: the test moves its committed offset. */
async function joinWithoutCommitting(groupId: string) {
  const consumer = testKafka().consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 500 })
  await consumer.connect()
  await consumer.subscribe({ topic, fromBeginning: true })
  await consumer.run({ autoCommit: false, eachMessage: async () => {} })
  consumers.set(groupId, consumer)
}

async function commit(groupId: string, offset: number) {
  const consumer = consumers.get(groupId)
  const offsets = [{ topic, partition: 0, offset: String(offset) }]
  if (consumer) await consumer.commitOffsets(offsets)
  else
    await plt.alterConsumerGroupOffsets({
      groupId,
      topics: [{ name: topic, partitionOffsets: [{ partition: 0, offset: BigInt(offset) }] }],
    })
}

/** One reading of every group, appended to its history, as a sampler tick would. */
async function tick() {
  const lags = await collectGroupLags('test', { lagTimeBudgetMs: 3_000 })
  for (const [groupId, partitions] of lags.partitions) {
    const d = lags.descriptions.get(groupId)
    const sample = sampleOf(
      lags.fetchedAt,
      { groupId, state: d?.state ?? '', members: d?.members.length ?? 0 },
      partitions,
    )
    history.set(groupId, [...(history.get(groupId) ?? []), sample])
  }
  // Distinct sample times, as a sampler's ticks have.
  await new Promise((r) => setTimeout(r, 50))
}

async function verdictOf(groupId: string) {
  const samples = history.get(groupId) ?? []
  const last = samples.at(-1)
  if (!last) throw new Error(`no samples of ${groupId}`)
  const recent = (id: string, count: number) => (history.get(id) ?? []).slice(-count)
  return (await judgeGroups('test', [last], recent)).get(groupId)
}

beforeAll(async () => {
  replaceConfig({
    config: FerryConfigSchema.parse({
      clusters: [{ id: 'test', brokers: inject('kafkaBootstrap').split(',') }],
      lagSampling: { enabled: false, windowSamples: WINDOW },
    }),
    source: 'test',
  })
  const bootstrap = inject('kafkaBootstrap').split(',')
  await createTopicsAndWait(bootstrap, [
    { topic, numPartitions: 1 },
    { topic: tiny, numPartitions: 1, configEntries: [{ name: 'retention.ms', value: '60000' }] },
  ])
  producer = testKafka().producer({ idempotent: true, maxInFlightRequests: 1 })
  await producer.connect()
  plt = new PltAdmin({ clientId: 'ferry-test', bootstrapBrokers: bootstrap })
  await produce(100)
  // Retention risk: the oldest unconsumed record is 54 s old on a topic that keeps records 60 s (90%).
  await produce(5, tiny, Date.now() - 54_000)
  await plt.alterConsumerGroupOffsets({
    groupId: risky,
    topics: [{ name: tiny, partitionOffsets: [{ partition: 0, offset: 0n }] }],
  })
  await Promise.all([joinWithoutCommitting(healthy), joinWithoutCommitting(growing), joinWithoutCommitting(stalled)])
  await Promise.all([commit(healthy, 100), commit(growing, 10), commit(stalled, 20), commit(stopped, 30)])
  for (let i = 0; i < WINDOW; i++) {
    await tick()
    await produce(10)
    await Promise.all([
      commit(healthy, produced), // keeps up: lag 0 at every reading
      commit(growing, 10 + 5 * (i + 1)), // consumes 5 per tick while 10 arrive
      // stalled: never commits again, although its member is there
      // stopped: no members, never commits
    ])
  }
  await tick()
}, 120_000)

afterAll(async () => {
  await Promise.allSettled([
    ...[...consumers.values()].map((c) => c.disconnect()),
    producer?.disconnect(),
    plt?.close(),
  ])
  await closeAllClients()
})

describe('verdicts from real readings', () => {
  it('OK: a group that keeps up', async () => {
    expect((await verdictOf(healthy))?.verdict).toBe('OK')
  })

  it('WARNING: committed offset moving, lag growing through the window, with the rates in the reason', async () => {
    const v = await verdictOf(growing)
    expect(v?.verdict).toBe('WARNING')
    expect(v?.reason).toMatch(
      new RegExp(
        `^${topic} partition 0: lag keeps growing, never shrinking in ${WINDOW - 1} intervals, from \\d+ to \\d+`,
      ),
    )
    expect(v?.reason).toMatch(/consuming [\d.]+ msg\/s, producers writing [\d.]+ msg\/s/)
  })

  it('STALLED: a member is there but the committed offset does not move while lag grows', async () => {
    const v = await verdictOf(stalled)
    expect(v?.verdict).toBe('STALLED')
    expect(v?.reason).toMatch(
      new RegExp(
        `^${topic} partition 0: offset unchanged for \\d+ (ms|s) while lag grew 30, although the group has 1 member`,
      ),
    )
    // Unchanged through the whole window: "since" is the window's first sample (a lower bound).
    expect(v?.partitions[0]?.committedSince).toBe(history.get(stalled)?.at(-WINDOW)?.t)
  })

  it('STOPPED: no members, lag > 0', async () => {
    const v = await verdictOf(stopped)
    expect(v?.verdict).toBe('STOPPED')
    expect(v?.reason).toContain('the group has no members')
  })

  it('RETENTION RISK: the oldest unread record past 80% of retention.ms, from one reading', async () => {
    const v = await verdictOf(risky)
    expect(v?.verdict).toBe('RETENTION_RISK')
    expect(v?.reason).toMatch(
      /oldest unconsumed record is 5\d s old, 9\d% of retention\.ms \(1 min\); unread records are deleted in about \d s/,
    )
  })
})
