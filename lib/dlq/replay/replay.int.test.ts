import { spawn } from 'node:child_process'
import path from 'node:path'
import { CompressionTypes } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { getConfig } from '@/lib/config'
import { closeAllClients } from '@/lib/kafka/client'
import { runKafkaTool } from '@/scripts/kafka/broker'
import { createTopicsAndWait, testKafka, uniqueName, useClusters } from '@/test/test-cluster'
import type { ReplayJob, ReplayPlan } from '../api-types'
import { REPLAY_HEADERS } from '../resolutions/types'
import { discardDeadLetters } from './discard'
import { readResolutionsOf } from './read-resolutions-of'
import { ReplayClient } from './replay-client'
import { cancelReplayJob, getReplayJob, replay, replayJobSettled, resumeInterrupted } from './replay-service'
import { springDeadLetter } from './test-support/dead-letters'

// Against the real broker: every replayed record is read back from the target topic and counted by its
// ferry-replay-dlq-offset header; one count is compared with Kafka's GetOffsetShell.

const bootstrap = inject('kafkaBootstrap')
const source = uniqueName('replay-src')
const dlq = `${source}.DLT`
const N = 60

type Arrived = { partition: number; offset: bigint; key?: string; value?: string; headers: Map<string, string> }

async function readTopic(topic: string): Promise<Arrived[]> {
  const client = new ReplayClient('test', 'ferry-test-reader')
  try {
    const count = (await client.partitionsOf(topic)) ?? 0
    const partitions = Array.from({ length: count }, (_, p) => p)
    const marks = await client.watermarks(topic, partitions)
    const out: Arrived[] = []
    await client.read(
      topic,
      partitions.map((p) => ({ partition: p, from: marks.get(p)!.low, until: marks.get(p)!.high })),
      (partition, records, next) => {
        for (const { record, offset } of records) {
          out.push({
            partition,
            offset,
            key: record.key?.toString(),
            value: record.value?.toString(),
            headers: new Map(record.headers.map(([k, v]) => [k?.toString() ?? '', v?.toString() ?? ''])),
          })
        }
        return next
      },
    )
    return out
  } finally {
    await client.close()
  }
}

const ofJob = (arrived: Arrived[], jobId: string) => arrived.filter((a) => a.headers.get(REPLAY_HEADERS.id) === jobId)
const records = (...offsets: [number, number][]) => ({
  kind: 'records' as const,
  records: offsets.map(([partition, offset]) => ({ partition, offset: String(offset) })),
})

async function started(request: Parameters<typeof replay>[1]): Promise<ReplayJob> {
  const result = await replay('test', request, 'tester')
  if (!('job' in result)) throw new Error('expected a job')
  await replayJobSettled(result.job.id)
  return getReplayJob('test', result.job.id)
}

beforeAll(async () => {
  useClusters([
    { id: 'test', brokers: bootstrap.split(','), dlq: { replayLeaseMs: 1_000 } },
    { id: 'ro', brokers: bootstrap.split(','), readOnly: true },
  ])
  await createTopicsAndWait(bootstrap.split(','), [
    { topic: source, numPartitions: 3 },
    { topic: dlq, numPartitions: 3 },
  ])
  const producer = testKafka().producer({ idempotent: true, maxInFlightRequests: 1 })
  await producer.connect()
  // Per DLQ partition p: offsets 0..N/3-1; offset i of partition p is source record i of partition p.
  const messages = []
  for (let i = 0; i < N / 3; i++) {
    for (let p = 0; p < 3; p++) messages.push(springDeadLetter(source, p, i, JSON.stringify({ n: i, p })))
  }
  await producer.send({ topic: dlq, acks: -1, messages })
  await producer.disconnect()
}, 60_000)

afterAll(async () => {
  await closeAllClients()
})

describe('dead-letter replay', () => {
  it('replays one dead letter to its source partition, with provenance headers and without the error headers', async () => {
    const job = await started({ dlqTopic: dlq, selection: records([1, 0]) })
    expect(job).toMatchObject({ state: 'completed', total: 1, done: 1, refused: 0 })
    const [copy] = ofJob(await readTopic(source), job.id)
    expect(copy).toBeDefined()
    expect(copy!.partition).toBe(1)
    expect(copy!.key).toBe('key-0')
    expect(copy!.value).toBe(JSON.stringify({ n: 0, p: 1 }))
    expect(copy!.headers.get('trace-id')).toBe('t-0')
    expect([...copy!.headers.keys()].some((k) => k.startsWith('kafka_dlt-'))).toBe(false)
    expect(Object.fromEntries([...copy!.headers].filter(([k]) => k.startsWith('ferry-')))).toMatchObject({
      [REPLAY_HEADERS.id]: job.id,
      [REPLAY_HEADERS.dlqTopic]: dlq,
      [REPLAY_HEADERS.dlqPartition]: '1',
      [REPLAY_HEADERS.dlqOffset]: '0',
      [REPLAY_HEADERS.by]: 'tester',
      [REPLAY_HEADERS.count]: '1',
    })
    expect(job.targets).toEqual([{ topic: source, partition: 1, lastOffset: copy!.offset.toString(), count: 1 }])
    const client = new ReplayClient('test')
    const resolutions = await readResolutionsOf(client, `${getConfig().config.stateTopicPrefix}dlq-resolutions`, dlq)
    await client.close()
    expect(resolutions.get('1:0')).toMatchObject({
      status: 'replayed',
      jobId: job.id,
      replayCount: 1,
      target: { topic: source, partition: 1, offset: copy!.offset.toString() },
    })
  })

  it('a dry run plans exactly what the job then does; the loop guard refuses a record replayed too often', async () => {
    const producer = testKafka().producer({ idempotent: true, maxInFlightRequests: 1 })
    await producer.connect()
    // A dead letter that was replayed 3 times already (limit 3) and failed again.
    const [meta] = await producer.send({
      topic: dlq,
      acks: -1,
      messages: [springDeadLetter(source, 2, 99, '{"again":true}', { [REPLAY_HEADERS.count]: '3' })],
    })
    await producer.disconnect()
    const looping = Number(meta!.baseOffset)
    const selection = records([0, 1], [0, 2], [1, 1], [2, 1], [2, 2], [2, looping])
    const options = { targetTopic: source, partitioning: 'key' as const }
    const plan = (await replay('test', { dlqTopic: dlq, selection, options, dryRun: true }, 'tester')) as ReplayPlan
    expect(plan).toMatchObject({ dryRun: true, total: 6, toSend: 5, refused: { count: 1 } })
    expect(plan.refused.sample[0]).toMatchObject({ partition: 2, offset: String(looping) })
    expect(plan.refused.sample[0]!.reason).toMatch(/loop guard/)
    expect(plan.sample[0]!.headers.find((h) => h.key === REPLAY_HEADERS.dlqOffset)?.value).toBe('1')
    const job = await started({ dlqTopic: dlq, selection, options })
    expect(job).toMatchObject({ state: 'completed', total: 6, done: plan.toSend, refused: plan.refused.count })
    const arrived = ofJob(await readTopic(source), job.id)
    expect(arrived).toHaveLength(plan.toSend)
    const byPartition = (list: { partition: number | null; count: number }[]) =>
      Object.fromEntries(list.map((t) => [String(t.partition), t.count]))
    expect(byPartition(job.targets)).toEqual(byPartition(plan.byTarget))
    const counted = arrived.reduce<Record<string, number>>((m, a) => {
      m[String(a.partition)] = (m[String(a.partition)] ?? 0) + 1
      return m
    }, {})
    expect(counted).toEqual(byPartition(plan.byTarget))
  })

  it('a filter selection replays what matched when the job started, skipping resolved dead letters', async () => {
    const request = { dlqTopic: dlq, selection: { kind: 'filter' as const, query: {} }, dryRun: true }
    let plan: ReplayPlan | undefined
    // The DLQ index answers 'conflict' until it has caught up with the topic.
    for (let i = 0; i < 40 && !plan; i++) {
      plan = (await replay('test', request, 'tester').catch((err) => {
        if ((err as { code?: string }).code !== 'conflict') throw err
        return undefined
      })) as ReplayPlan | undefined
      if (!plan) await new Promise((r) => setTimeout(r, 250))
    }
    // N + the looping one; the 6 replayed by earlier tests are skipped as resolved, the looping one refused.
    expect(plan).toMatchObject({ total: N + 1, toSend: N - 6, refused: { count: 7 } })
    expect(plan!.refused.sample.filter((r) => /skipped/.test(r.reason))).toHaveLength(6)
    expect(plan!.refused.sample.filter((r) => /loop guard/.test(r.reason))).toHaveLength(1)
  })

  it('replays an edited value, and refuses an edit that is not JSON when the original was', async () => {
    await expect(
      replay('test', { dlqTopic: dlq, selection: records([0, 3]), options: { editedValue: '{"n": 3,' } }, 'tester'),
    ).rejects.toMatchObject({ code: 'invalid_input' })
    const job = await started({
      dlqTopic: dlq,
      selection: records([0, 3]),
      options: { editedValue: '{"n":3,"fixed":true}' },
    })
    expect(job.done).toBe(1)
    expect(ofJob(await readTopic(source), job.id)[0]!.value).toBe('{"n":3,"fixed":true}')
  })

  it('discards with a reason, skips what is already discarded, and refuses on a read-only cluster', async () => {
    const selection = records([1, 5], [1, 6])
    const first = await discardDeadLetters('test', { dlqTopic: dlq, selection, reason: 'obsolete' }, 'tester')
    expect(first).toMatchObject({ discarded: 2, skipped: 0 })
    const again = await discardDeadLetters('test', { dlqTopic: dlq, selection, reason: 'obsolete' }, 'tester')
    expect(again).toMatchObject({ discarded: 0, skipped: 2 })
    const client = new ReplayClient('test')
    const resolutions = await readResolutionsOf(client, `${getConfig().config.stateTopicPrefix}dlq-resolutions`, dlq)
    await client.close()
    expect(resolutions.get('1:5')).toMatchObject({ status: 'discarded', reason: 'obsolete', by: 'tester' })
    await expect(discardDeadLetters('ro', { dlqTopic: dlq, selection, reason: 'x' }, 'tester')).rejects.toMatchObject({
      code: 'forbidden',
    })
    await expect(replay('ro', { dlqTopic: dlq, selection }, 'tester')).rejects.toMatchObject({ code: 'forbidden' })
  })

  it('replays a DLQ written with compressed batches byte for byte; a later discard wins over the replay', async () => {
    const gz = uniqueName('replay-gz')
    const gzDlq = `${gz}.DLT`
    await createTopicsAndWait(bootstrap.split(','), [
      { topic: gz, numPartitions: 2 },
      { topic: gzDlq, numPartitions: 2 },
    ])
    const producer = testKafka().producer({ idempotent: true, maxInFlightRequests: 1 })
    await producer.connect()
    const values = Array.from({ length: 30 }, (_, i) => JSON.stringify({ i, text: 'ü'.repeat(i) }))
    await producer.send({
      topic: gzDlq,
      acks: -1,
      compression: CompressionTypes.GZIP,
      messages: values.map((v, i) => ({ ...springDeadLetter(gz, i % 2, i, v), partition: 0 })),
    })
    await producer.disconnect()
    const selection = records(...values.map((_, i) => [0, i] as [number, number]))
    const job = await started({ dlqTopic: gzDlq, selection })
    expect(job).toMatchObject({ state: 'completed', done: 30, refused: 0 })
    const copies = ofJob(await readTopic(gz), job.id).sort(
      (a, b) => Number(a.headers.get(REPLAY_HEADERS.dlqOffset)) - Number(b.headers.get(REPLAY_HEADERS.dlqOffset)),
    )
    expect(copies.map((c) => [c.partition, c.key, c.value, c.headers.get('trace-id')])).toEqual(
      values.map((v, i) => [i % 2, `key-${i}`, v, `t-${i}`]),
    )
    // Replayed, then discarded: the latest resolution is the discard (both in the DLQ partition's one log).
    const discarded = await discardDeadLetters(
      'test',
      { dlqTopic: gzDlq, selection: records([0, 4]), reason: 'handled by hand' },
      'tester',
    )
    expect(discarded).toMatchObject({ discarded: 1 })
    const client = new ReplayClient('test')
    const resolutions = await readResolutionsOf(client, `${getConfig().config.stateTopicPrefix}dlq-resolutions`, gzDlq)
    await client.close()
    expect(resolutions.get('0:4')).toMatchObject({ status: 'discarded', reason: 'handled by hand', replayCount: 1 })
    expect(resolutions.get('0:5')).toMatchObject({ status: 'replayed', jobId: job.id, replayCount: 1 })
    expect(resolutions.size).toBe(30)
  })

  it('cancels after the current chunk: what arrived is exactly what the job counts', async () => {
    const all = Array.from({ length: N / 3 }, (_, i) => [0, i] as [number, number])
    const result = await replay(
      'test',
      { dlqTopic: dlq, selection: records(...all), options: { rateLimit: 8, targetTopic: source } },
      'tester',
    )
    if (!('job' in result)) throw new Error('expected a job')
    await new Promise((r) => setTimeout(r, 700))
    const { job: cancelling } = await cancelReplayJob('test', result.job.id, 'tester')
    expect(['cancelling', 'cancelled']).toContain(cancelling.state)
    await replayJobSettled(result.job.id)
    const job = await getReplayJob('test', result.job.id)
    expect(job.state).toBe('cancelled')
    expect(job.done).toBeGreaterThan(0)
    expect(job.done).toBeLessThan(all.length)
    expect(ofJob(await readTopic(source), job.id)).toHaveLength(job.done)
  })

  it('after SIGKILL mid-replay, a resumed job delivers every record exactly once', async () => {
    const target = uniqueName('replay-target')
    await createTopicsAndWait(bootstrap.split(','), [{ topic: target, numPartitions: 2 }])
    const all: [number, number][] = []
    for (let p = 0; p < 3; p++) for (let i = 0; i < N / 3; i++) all.push([p, i])
    const request = { dlqTopic: dlq, selection: records(...all), options: { targetTopic: target, rateLimit: 40 } }
    const child = spawn(
      'npx',
      ['tsx', '--conditions=react-server', path.join(__dirname, 'test-support/run-replay-child.ts')],
      {
        env: { ...process.env, FERRY_TEST_BOOTSTRAP: bootstrap, FERRY_TEST_REQUEST: JSON.stringify(request) },
        stdio: ['ignore', 'pipe', 'inherit'],
        detached: true,
      },
    )
    const jobId = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => {
        const m = /"jobId":"([^"]+)"/.exec(d.toString())
        if (m) resolve(m[1]!)
      })
      child.on('exit', (code) => reject(new Error(`child exited ${code}`)))
    })
    // Let part of it through, then kill the whole process group without warning.
    for (let i = 0; i < 100 && ofJob(await readTopic(target), jobId).length < 12; i++) {
      await new Promise((r) => setTimeout(r, 100))
    }
    process.kill(-child.pid!, 'SIGKILL')
    const before = ofJob(await readTopic(target), jobId).length
    expect(before).toBeGreaterThan(0)
    expect(before).toBeLessThan(all.length)
    // The lease (1 s here) must pass before another console may take the job over.
    await new Promise((r) => setTimeout(r, 1_200))
    expect(await resumeInterrupted('test')).toContain(jobId)
    await replayJobSettled(jobId)
    const job = await getReplayJob('test', jobId)
    expect(job).toMatchObject({ state: 'completed', total: all.length, done: all.length, refused: 0 })
    const arrived = ofJob(await readTopic(target), jobId)
    const counts = new Map<string, number>()
    for (const a of arrived) {
      const id = `${a.headers.get(REPLAY_HEADERS.dlqPartition)}:${a.headers.get(REPLAY_HEADERS.dlqOffset)}`
      counts.set(id, (counts.get(id) ?? 0) + 1)
    }
    expect(counts.size).toBe(all.length)
    expect([...counts.values()].every((c) => c === 1)).toBe(true)
    // Kafka's own count of the target topic: nothing but this job's records went there.
    const ends = runKafkaTool(inject('kafkaLibs'), 'org.apache.kafka.tools.GetOffsetShell', [
      '--bootstrap-server',
      bootstrap,
      '--topic',
      target,
    ])
    const total = ends
      .trim()
      .split('\n')
      .reduce((n, line) => n + Number(line.split(':')[2]), 0)
    expect(total).toBe(all.length)
  })
})
