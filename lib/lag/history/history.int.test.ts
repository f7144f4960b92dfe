import { randomUUID } from 'node:crypto'
import { Admin as PltAdmin } from '@platformatic/kafka'
import type { Producer } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { GET as getHistoryRoute } from '@/app/api/clusters/[clusterId]/groups/[groupId]/history/route'
import { GET as getSamplerRoute } from '@/app/api/clusters/[clusterId]/lag-sampler/route'
import { replaceConfig } from '@/lib/config'
import { FerryConfigSchema } from '@/lib/config/schema'
import { closeAllClients } from '@/lib/kafka/client'
import { type TailRecord, TopicTail } from '@/lib/kafka/topic-tail'
import { stateTopicName } from '@/lib/state/state-topics'
import { createTopicsAndWait, testKafka, uniqueName } from '../../../test/test-cluster'
import type { LagHistory } from '../history-types'
import { getSamplerStatus, startLagSampler, stopLagSamplers } from '../sampler'
import { getLagHistory, getRecentSamples, getSparklines } from '.'
import { historyFeedOf } from './history-feed'
import { decodeSample } from './sample-codec'

// The sampler against the real broker: samples land in the samples topic, the history read from it holds exactly
// the lag the test produced and committed, and survives a restart of everything in this process.

const topic = uniqueName('hist') // 2 partitions
const group = uniqueName('hist-g')
let producer: Producer
let plt: PltAdmin

async function produce(partition: number, count: number) {
  const messages = Array.from({ length: count }, (_, i) => ({ partition, value: `v${i}` }))
  await producer.send({ topic, acks: -1, messages })
}

async function commit(offsets: Record<number, number>) {
  const partitionOffsets = Object.entries(offsets).map(([p, o]) => ({ partition: Number(p), offset: BigInt(o) }))
  await plt.alterConsumerGroupOffsets({ groupId: group, topics: [{ name: topic, partitionOffsets }] })
}

async function historyUntil(check: (h: LagHistory) => boolean, what: string, timeoutMs = 20_000): Promise<LagHistory> {
  const started = Date.now()
  for (;;) {
    const h = await getLagHistory('test', group, '15m')
    if (check(h)) return h
    if (Date.now() - started > timeoutMs) {
      throw new Error(`timed out waiting for ${what}; last points: ${JSON.stringify(h.points.slice(-3))}`)
    }
    await new Promise((r) => setTimeout(r, 200))
  }
}

beforeAll(async () => {
  const config = FerryConfigSchema.parse({
    clusters: [{ id: 'test', brokers: inject('kafkaBootstrap').split(',') }],
    lagSampling: { intervalMs: 1_000 },
    stateTopicPrefix: `_ferry-test-${randomUUID().slice(0, 8)}.`,
  })
  replaceConfig({ config, source: 'test' })
  producer = testKafka().producer()
  await producer.connect()
  plt = new PltAdmin({ clientId: 'ferry-test', bootstrapBrokers: inject('kafkaBootstrap').split(',') })
  await createTopicsAndWait(inject('kafkaBootstrap').split(','), [{ topic, numPartitions: 2 }])
  await produce(0, 10)
  await produce(1, 4)
  await commit({ 0: 3, 1: 4 }) // lag 7 + 0
}, 60_000)

afterAll(async () => {
  await stopLagSamplers()
  await Promise.allSettled([producer?.disconnect(), plt?.close()])
  await closeAllClients()
})

describe('lag history', () => {
  it('writes one record per group and tick to the samples topic', async () => {
    await startLagSampler('test')
    const records: TailRecord[] = []
    const tail = new TopicTail({
      clusterId: 'test',
      topic: stateTopicName('lag-samples'),
      fromTimestamp: 0,
      onRecords: (batch) => records.push(...batch),
    })
    tail.start()
    try {
      const started = Date.now()
      while (!records.some((r) => r.key?.toString() === group) && Date.now() - started < 20_000) {
        await new Promise((r) => setTimeout(r, 100))
      }
    } finally {
      await tail.stop()
    }
    const record = records.find((r) => r.key?.toString() === group)
    const sample = decodeSample(record?.value?.toString() ?? '')
    expect(sample).toMatchObject({ groupId: group, state: 'Empty', members: 0 })
    expect(sample?.partitions).toEqual([
      { topic, partition: 0, committed: '3', end: '10', lagMs: expect.any(Number) },
      { topic, partition: 1, committed: '4', end: '4', lagMs: null },
    ])
    expect(record?.timestamp).toBe(sample?.t)
    expect(getSamplerStatus('test')).toMatchObject({ role: 'leader', persistence: { ok: true } })
  })

  it('gives the committed and produced lag, per group, topic and partition, with rates', async () => {
    const first = await historyUntil((h) => h.points.length >= 2, 'two points')
    expect(first.points.at(-1)).toMatchObject({ totalLag: '7', consumedPerSec: 0, producedPerSec: 0 })
    expect(first.topics).toEqual([{ topic, points: expect.any(Array) }])
    expect(first.topics[0]?.points.at(-1)).toMatchObject({ lag: '7' })
    expect(first.partitions.map((p) => [p.partition, p.points.at(-1)?.lag])).toEqual([
      [0, '7'],
      [1, '0'],
    ])
    expect(first.partitions[1]?.points.at(-1)?.lagMs).toBe(0)

    await produce(0, 5) // end 15
    await commit({ 0: 12 }) // lag 3
    const after = await historyUntil((h) => h.points.at(-1)?.totalLag === '3', 'lag 3 after the commit')
    // Rates summed over time give back what moved: 9 committed, 5 produced.
    const moved = (key: 'consumedPerSec' | 'producedPerSec') =>
      after.points.reduce(
        (sum, p, i) => sum + (i === 0 ? 0 : (p[key] ?? 0) * ((p.t - (after.points[i - 1]?.t ?? p.t)) / 1_000)),
        0,
      )
    expect(moved('consumedPerSec')).toBeCloseTo(9, 1)
    expect(moved('producedPerSec')).toBeCloseTo(5, 1)
    expect(after.sampler).toMatchObject({ role: 'leader', intervalMs: 1_000, lastError: null })

    const recent = getRecentSamples('test', group, 2)
    expect(recent).toHaveLength(2)
    expect(recent[0]!.t).toBeLessThan(recent[1]!.t)
    expect(recent[1]?.partitions.map((p) => [p.partition, p.committed, p.end])).toEqual([
      [0, '12', '15'],
      [1, '4', '4'],
    ])
    expect(
      getSparklines('test', Date.now() - 3_600_000)
        .get(group)
        ?.at(-1)?.totalLag,
    ).toBe('3')
    expect(getRecentSamples('test', 'never-sampled', 5)).toEqual([])
    expect((await getLagHistory('test', 'never-sampled', '1h')).points).toEqual([])
  })

  it('answers over HTTP: range validated (default 1h), encoded group ids, sampler status', async () => {
    const params = { clusterId: 'test', groupId: encodeURIComponent(group) }
    const ctx = { params: Promise.resolve(params) }
    const url = `http://ferry/api/clusters/test/groups/${params.groupId}/history`
    const ok = await getHistoryRoute(new Request(url), ctx)
    expect(ok.status).toBe(200)
    const body = (await ok.json()) as LagHistory
    expect(body).toMatchObject({ groupId: group, range: '1h' })
    expect(body.points.length).toBeGreaterThan(0)
    const week = await getHistoryRoute(new Request(`${url}?range=7d`), { params: Promise.resolve(params) })
    expect(((await week.json()) as LagHistory).range).toBe('7d')
    const bad = await getHistoryRoute(new Request(`${url}?range=2h`), { params: Promise.resolve(params) })
    expect(bad.status).toBe(422)
    const status = await getSamplerRoute(new Request('http://ferry/x'), {
      params: Promise.resolve({ clusterId: 'test' }),
    })
    expect(await status.json()).toMatchObject({ role: 'leader', intervalMs: 1_000 })
    const unknown = await getSamplerRoute(new Request('http://ferry/x'), {
      params: Promise.resolve({ clusterId: 'nope' }),
    })
    expect(unknown.status).toBe(404)
  })

  it('reads the history back from Kafka after a restart', async () => {
    const before = await historyUntil((h) => h.points.length >= 4, 'four points')
    await stopLagSamplers()
    await closeAllClients()
    expect(historyFeedOf('test')).toBeUndefined()

    const started = Date.now()
    const after = await getLagHistory('test', group, '15m')
    console.log(`history read back in ${Date.now() - started} ms: ${after.points.length} points`)
    // The newest bucket of `before` may since have taken a later sample; every other point is back as it was.
    const old = before.points.slice(0, -1)
    const byT = new Map(after.points.map((p) => [p.t, p]))
    for (const p of old) expect(byT.get(p.t)).toEqual(p)
    expect(after.sampler.role).toBe('disabled') // no sampler in this instance now, only the history

    await startLagSampler('test')
    await historyUntil(
      (h) => h.sampler.role === 'leader' && (h.points.at(-1)?.t ?? 0) > Date.now() - 3_000,
      'sampling again',
    )
  })
})
