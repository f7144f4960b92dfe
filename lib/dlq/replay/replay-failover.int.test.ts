import { Kafka, logLevel } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeAllClients } from '@/lib/kafka/client'
import { type LocalKafka, startKafka } from '@/scripts/kafka/broker'
import { createTopicsAndWait, useClusters } from '@/test/test-cluster'
import { REPLAY_HEADERS } from '../resolutions/types'
import { ReplayClient } from './replay-client'
import { getReplayJob, replay, replayJobSettled } from './replay-service'
import { springDeadLetter } from './test-support/dead-letters'

// Fault test on a real 3-broker KRaft cluster: the leader of the target partition stops mid-replay. Every dead
// letter must arrive exactly once (counted by its ferry-replay-dlq-offset header) and the job must complete.
// Kept small and rate limited so the stop lands mid-job (asserted) while the whole file stays well under a minute:
// most of its time is starting three brokers (stopped with SIGKILL at the end: nothing to keep).
const N = 200
const RATE = 100

describe('replay while the target partition leader stops', () => {
  let kafka: LocalKafka | undefined
  // Kept so afterAll stops the brokers even when this hook timed out while they were still starting.
  let starting: Promise<LocalKafka> | undefined
  let admin: ReturnType<Kafka['admin']>
  beforeAll(async () => {
    starting = startKafka({ port: 0, brokers: 3, heap: '384m', version: process.env.FERRY_KAFKA_VERSION })
    kafka = await starting
    const brokers = kafka.bootstrap.split(',')
    useClusters([{ id: 'trio', brokers }])
    await createTopicsAndWait(brokers, [
      { topic: 'orders', numPartitions: 1, replicationFactor: 3 },
      { topic: 'orders.DLT', numPartitions: 1, replicationFactor: 3 },
      // Ferry's state topics, replicated too, so stopping any one broker leaves them writable.
      {
        topic: '_ferry.replay-jobs',
        numPartitions: 1,
        replicationFactor: 3,
        configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
      },
      {
        topic: '_ferry.dlq-resolutions',
        numPartitions: 3,
        replicationFactor: 3,
        configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
      },
      { topic: '_ferry.audit', numPartitions: 1, replicationFactor: 3 },
    ])
    const k = new Kafka({ clientId: 'ferry-test', brokers, logLevel: logLevel.NOTHING })
    admin = k.admin()
    await admin.connect()
    const producer = k.producer({ idempotent: true, maxInFlightRequests: 1 })
    await producer.connect()
    // ~40 KB each: a chunk (RATE / 4 records) then takes two produce requests (≤ 900 KB a partition), both in
    // flight when the leader stops.
    const messages = Array.from({ length: N }, (_, i) =>
      springDeadLetter('orders', 0, i, JSON.stringify({ n: i, pad: 'x'.repeat(40_000) })),
    )
    for (let i = 0; i < N; i += 20)
      await producer.send({ topic: 'orders.DLT', acks: -1, messages: messages.slice(i, i + 20) })
    await producer.disconnect()
  }, 60_000)
  afterAll(async () => {
    await admin?.disconnect()
    await closeAllClients()
    const started = kafka ?? (await starting?.catch(() => undefined))
    // Nothing to keep: a controlled shutdown of the two left (one of three controllers gone) takes seconds.
    for (const node of started?.nodes ?? []) node.process?.kill('SIGKILL')
    await started?.stop()
  })

  it('loses nothing and doubles nothing', async () => {
    const selection = {
      kind: 'records' as const,
      records: Array.from({ length: N }, (_, i) => ({ partition: 0, offset: String(i) })),
    }
    const meta = await admin.fetchTopicMetadata({ topics: ['orders'] })
    const leader = meta.topics[0]!.partitions[0]!.leader
    const result = await replay('trio', { dlqTopic: 'orders.DLT', selection, options: { rateLimit: RATE } }, 'tester')
    if (!('job' in result)) throw new Error('expected a job')
    await new Promise((r) => setTimeout(r, 300))
    // The stop starts mid-replay (controlled shutdown moves the leadership first, then the process exits).
    const before = await getReplayJob('trio', result.job.id)
    expect(before.state).toBe('running')
    expect(before.done).toBeLessThan(N)
    await (kafka as LocalKafka).stopNode(leader)
    const after = await admin.fetchTopicMetadata({ topics: ['orders'] })
    expect(after.topics[0]!.partitions[0]!.leader).not.toBe(leader)
    await replayJobSettled(result.job.id)
    const job = await getReplayJob('trio', result.job.id)
    expect(job).toMatchObject({ state: 'completed', total: N, done: N, refused: 0 })

    const client = new ReplayClient('trio', 'ferry-test-reader')
    const marks = (await client.watermarks('orders', [0])).get(0)!
    const counts = new Map<string, number>()
    await client.read('orders', [{ partition: 0, from: marks.low, until: marks.high }], (_p, records, next) => {
      for (const { record } of records) {
        const h = new Map(record.headers.map(([k, v]) => [k?.toString(), v?.toString()]))
        if (h.get(REPLAY_HEADERS.id) !== job.id) continue
        const o = h.get(REPLAY_HEADERS.dlqOffset)!
        counts.set(o, (counts.get(o) ?? 0) + 1)
      }
      return next
    })
    await client.close()
    expect(counts.size).toBe(N)
    expect([...counts.values()].filter((c) => c !== 1)).toEqual([])
    expect(marks.high - marks.low).toBe(BigInt(N))
  }, 30_000)
})
