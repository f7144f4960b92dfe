import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import bcrypt from 'bcryptjs'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { POST as loginRoute } from '@/app/api/auth/login/route'
import { POST as replayRoute } from '@/app/api/clusters/[clusterId]/dlq/replay/route'
import { replaceConfig } from '@/lib/config'
import { FerryConfigSchema } from '@/lib/config/schema'
import { closeAllClients } from '@/lib/kafka/client'
import { createTopicsAndWait, testKafka, uniqueName } from '@/test/test-cluster'
import type { ReplayPlan, ReplayRequest } from '../api-types'
import { replayJobSettled } from './replay-service'
import { springDeadLetter } from './test-support/dead-letters'

// The route checks dlq.replay on the DLQ topic; the replay checks it on every target topic. An operator scoped to
// `allowed.*` may replay dead letters of allowed.x, not those of other.y, even from a DLQ topic they may replay.

const PASSWORD = 'correct horse battery'
const run = uniqueName('perm').replace(/[^a-zA-Z0-9-]/g, '-')
const allowedSource = `allowed.${run}.x`
const otherSource = `other.${run}.y`
const allowedDlq = `${allowedSource}.DLT`
// A DLQ topic the operator may replay from, whose dead letters came from a topic they may not write to.
const mixedDlq = `allowed.${run}.mixed-dlq`
const N = 5
let cookie = ''

const ctx = { params: Promise.resolve({ clusterId: 'test' }) }
const post = (body: unknown) =>
  replayRoute(
    new Request('http://127.0.0.1:3000/api/clusters/test/dlq/replay', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-ferry-request': '1', cookie },
      body: JSON.stringify(body),
    }),
    ctx,
  )
const all = {
  kind: 'records' as const,
  records: Array.from({ length: N }, (_, i) => ({ partition: 0, offset: `${i}` })),
}

async function endOffset(topic: string): Promise<number> {
  const admin = testKafka().admin()
  await admin.connect()
  try {
    return (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high), 0)
  } finally {
    await admin.disconnect()
  }
}

beforeAll(async () => {
  const bootstrap = inject('kafkaBootstrap').split(',')
  const dir = mkdtempSync(path.join(tmpdir(), 'ferry-users-'))
  const usersFile = path.join(dir, 'users.yaml')
  writeFileSync(
    usersFile,
    `users:\n  - username: scoped\n    passwordHash: '${bcrypt.hashSync(PASSWORD, 4)}'\n    roles: []\n`,
  )
  replaceConfig({
    source: 'test',
    config: FerryConfigSchema.parse({
      clusters: [{ id: 'test', brokers: bootstrap }],
      auth: {
        usersFile,
        session: { secret: 'x'.repeat(40) },
        rules: [{ role: 'operator', users: ['scoped'], clusters: ['test'], topics: ['allowed.*'] }],
      },
    }),
  })
  await createTopicsAndWait(
    bootstrap,
    [allowedSource, otherSource, allowedDlq, mixedDlq].map((topic) => ({ topic, numPartitions: 1 })),
  )
  const producer = testKafka().producer({ idempotent: true, maxInFlightRequests: 1 })
  await producer.connect()
  const letters = (source: string) =>
    Array.from({ length: N }, (_, i) => springDeadLetter(source, 0, i, JSON.stringify({ n: i })))
  await producer.send({ topic: allowedDlq, acks: -1, messages: letters(allowedSource) })
  await producer.send({ topic: mixedDlq, acks: -1, messages: letters(otherSource) })
  await producer.disconnect()
  const res = await loginRoute(
    new Request('http://127.0.0.1:3000/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-ferry-request': '1' },
      body: JSON.stringify({ username: 'scoped', password: PASSWORD }),
    }),
    { params: Promise.resolve({}) },
  )
  expect(res.status).toBe(200)
  cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string
}, 30_000)

afterAll(async () => {
  await closeAllClients()
})

describe('replay permissions on the target topics', () => {
  it('a dry run says which targets the user may not replay to', async () => {
    const ok = await post({ dlqTopic: allowedDlq, selection: all, dryRun: true } satisfies ReplayRequest)
    expect(ok.status).toBe(200)
    expect(await ok.json()).toMatchObject({ toSend: N, refused: { count: 0 } })

    const refused = await post({ dlqTopic: mixedDlq, selection: all, dryRun: true })
    expect(refused.status).toBe(200)
    const plan = (await refused.json()) as ReplayPlan
    expect(plan).toMatchObject({ toSend: 0, refused: { count: N }, byTarget: [] })
    expect(plan.refused.sample[0]?.reason).toBe(`you may not replay to topic "${otherSource}"`)

    const chosen = await post({
      dlqTopic: allowedDlq,
      selection: all,
      dryRun: true,
      options: { targetTopic: otherSource },
    })
    expect(((await chosen.json()) as ReplayPlan).refused.count).toBe(N)
  })

  it('refuses to start a job writing to a topic the user may not replay to, and writes nothing', async () => {
    for (const body of [
      { dlqTopic: mixedDlq, selection: all },
      { dlqTopic: allowedDlq, selection: all, options: { targetTopic: otherSource } },
    ]) {
      const res = await post(body)
      expect(res.status).toBe(403)
      const error = (await res.json()).error
      expect(error.code).toBe('forbidden')
      expect(error.message).toMatch(new RegExp(`^scoped may not .*topic "${otherSource.replace(/\./g, '\\.')}"`))
    }
    expect(await endOffset(otherSource)).toBe(0)
  })

  it('starts a job to an allowed target; the very next plan sees the dead letters as replayed', async () => {
    const res = await post({ dlqTopic: allowedDlq, selection: all })
    expect(res.status).toBe(200)
    const { job } = await res.json()
    await replayJobSettled(job.id)
    expect(await endOffset(allowedSource)).toBe(N)
    // Statuses are fresh: a filter selection skips what was just replayed.
    const next = await post({ dlqTopic: allowedDlq, selection: { kind: 'filter', query: {} }, dryRun: true })
    const plan = (await next.json()) as ReplayPlan
    expect(plan).toMatchObject({ total: N, toSend: 0, refused: { count: N } })
    expect(plan.refused.sample[0]?.reason).toBe('already replayed (skipped)')
  })
})
