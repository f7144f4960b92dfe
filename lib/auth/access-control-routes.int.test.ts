import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import bcrypt from 'bcryptjs'
import type { Admin } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { POST as loginRoute } from '../../app/api/auth/login/route'
import { DELETE as deleteOffsetsRoute } from '../../app/api/clusters/[clusterId]/groups/[groupId]/offsets/[topic]/route'
import {
  DELETE as deleteResetTopicOffsetsRoute,
  POST as resetRoute,
} from '../../app/api/clusters/[clusterId]/groups/[groupId]/offsets/reset/route'
import { DELETE as deleteGroupRoute } from '../../app/api/clusters/[clusterId]/groups/[groupId]/route'
import { POST as actionRoute } from '../../app/api/clusters/[clusterId]/topics/[topic]/actions/route'
import { POST as produceRoute } from '../../app/api/clusters/[clusterId]/topics/[topic]/produce/route'
import { POST as createRoute, GET as topicsRoute } from '../../app/api/clusters/[clusterId]/topics/route'
import { GET as sessionRoute } from '../../app/api/session/route'
import { createTopicsAndWait, testKafka, uniqueName } from '../../test/test-cluster'
import { listAuditEntries } from '../audit/list-audit-entries'
import { replaceConfig } from '../config'
import { FerryConfigSchema } from '../config/schema'
import { closeAllClients } from '../kafka/client'

// Every mutating route, called as Next calls it, for every role: allowed, or 403 with a reason and nothing written.

const PASSWORD = 'correct horse battery'
const USERS = ['viewer1', 'operator1', 'admin1', 'alice'] as const
type User = (typeof USERS)[number]
const ROLE_OF: Record<User, string[]> = { viewer1: ['viewer'], operator1: ['operator'], admin1: ['admin'], alice: [] }
const cookies = {} as Record<User, string>
const SCOPED = uniqueName('scoped') // alice is operator on `scoped-*` topics only
const topic = uniqueName('ac-topic')
let admin: Admin

const ctx = <P extends Record<string, string>>(params: P) => ({ params: Promise.resolve(params) })
const request = (method: string, urlPath: string, user: User | null, body?: unknown, extraHeaders = {}) =>
  new Request(`http://127.0.0.1:3000${urlPath}`, {
    method,
    headers: {
      'content-type': 'application/json',
      'x-ferry-request': '1',
      ...(user ? { cookie: cookies[user] } : {}),
      ...extraHeaders,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })

type Call = (user: User | null, clusterId?: string) => Promise<Response>

const enc = encodeURIComponent
const create =
  (name: string): Call =>
  (user, c = 'test') =>
    createRoute(
      request('POST', `/api/clusters/${c}/topics`, user, {
        name,
        partitions: 1,
        replicationFactor: 1,
        configs: {},
        dryRun: false,
      }),
      ctx({ clusterId: c }),
    )
const act =
  (t: string, body: unknown): Call =>
  (user, c = 'test') =>
    actionRoute(request('POST', `/api/clusters/${c}/topics/${t}/actions`, user, body), ctx({ clusterId: c, topic: t }))
const produce =
  (t: string): Call =>
  (user, c = 'test') =>
    produceRoute(
      request('POST', `/api/clusters/${c}/topics/${t}/produce`, user, { value: `by ${user}`, valueFormat: 'text' }),
      ctx({ clusterId: c, topic: t }),
    )
const reset =
  (g: string): Call =>
  (user, c = 'test') =>
    resetRoute(
      request('POST', `/api/clusters/${c}/groups/${enc(g)}/offsets/reset`, user, {
        dryRun: false,
        scope: { topics: [{ topic }] },
        mode: { kind: 'earliest' },
      }),
      ctx({ clusterId: c, groupId: enc(g) }),
    )
const deleteOffsets =
  (g: string, t: string): Call =>
  (user, c = 'test') =>
    deleteOffsetsRoute(
      request('DELETE', `/api/clusters/${c}/groups/${enc(g)}/offsets/${t}`, user),
      ctx({ clusterId: c, groupId: enc(g), topic: t }),
    )
const deleteResetOffsets =
  (g: string): Call =>
  (user, c = 'test') =>
    deleteResetTopicOffsetsRoute(
      request('DELETE', `/api/clusters/${c}/groups/${enc(g)}/offsets/reset`, user),
      ctx({ clusterId: c, groupId: enc(g) }),
    )
const deleteGroup =
  (g: string): Call =>
  (user, c = 'test') =>
    deleteGroupRoute(
      request('DELETE', `/api/clusters/${c}/groups/${enc(g)}`, user),
      ctx({ clusterId: c, groupId: enc(g) }),
    )

async function expectRefused(res: Response, user: User, words: RegExp) {
  expect(res.status, `${user}: ${res.status}`).toBe(403)
  const body = await res.json()
  expect(body.error.code).toBe('forbidden')
  expect(body.error.message).toMatch(new RegExp(`^${user} may not`))
  expect(body.error.message).toMatch(words)
}

// A fresh kafkajs admin per question: one that has seen a topic keeps asking for it after the test deletes it.
async function withFreshAdmin<T>(fn: (a: Admin) => Promise<T>): Promise<T> {
  const a = testKafka().admin()
  await a.connect()
  try {
    return await fn(a)
  } finally {
    await a.disconnect()
  }
}

const endOffsetSum = (t: string) =>
  withFreshAdmin(async (a) => (await a.fetchTopicOffsets(t)).reduce((n, p) => n + Number(p.high), 0))

const committed = (g: string, t: string) =>
  withFreshAdmin(async (a) => {
    const [res] = await a.fetchOffsets({ groupId: g, topics: [t] })
    return (res?.partitions ?? []).map((p) => p.offset)
  })

const commitOffsets = (g: string, t: string) =>
  withFreshAdmin((a) => a.setOffsets({ groupId: g, topic: t, partitions: [{ partition: 0, offset: '1' }] }))

beforeAll(async () => {
  const bootstrap = inject('kafkaBootstrap').split(',')
  const dir = mkdtempSync(path.join(tmpdir(), 'ferry-users-'))
  const hash = bcrypt.hashSync(PASSWORD, 4)
  const usersFile = path.join(dir, 'users.yaml')
  writeFileSync(
    usersFile,
    `users:\n${USERS.map((u) => `  - username: ${u}\n    passwordHash: '${hash}'\n    roles: [${ROLE_OF[u].join(', ')}]\n`).join('')}`,
  )
  replaceConfig({
    source: 'test',
    config: FerryConfigSchema.parse({
      clusters: [
        { id: 'test', brokers: bootstrap },
        { id: 'ro', brokers: bootstrap, readOnly: true },
      ],
      auth: {
        usersFile,
        session: { secret: 'x'.repeat(40) },
        rules: [
          { role: 'operator', users: ['alice'], clusters: ['test'], topics: [`${SCOPED}*`] },
          { role: 'viewer', users: ['alice'] },
        ],
      },
    }),
  })
  admin = testKafka().admin()
  await admin.connect()
  await createTopicsAndWait(bootstrap, [
    { topic, numPartitions: 1 },
    { topic: SCOPED, numPartitions: 1 },
  ])
  const producer = testKafka().producer({ idempotent: true, maxInFlightRequests: 1 })
  await producer.connect()
  await producer.send({ topic, acks: -1, messages: [{ value: 'a' }, { value: 'b' }, { value: 'c' }] })
  await producer.disconnect()
  for (const u of USERS) {
    const res = await loginRoute(request('POST', '/api/auth/login', null, { username: u, password: PASSWORD }), ctx({}))
    expect(res.status).toBe(200)
    cookies[u] = (res.headers.get('set-cookie') ?? '').split(';')[0] as string
  }
})

afterAll(async () => {
  await admin?.disconnect()
  await closeAllClients()
})

describe('sign-in and the session', () => {
  it('refuses a wrong password in the same words as an unknown user, and API calls without a session with 401', async () => {
    for (const [username, password] of [
      ['admin1', 'nope'],
      ['nobody', PASSWORD],
    ]) {
      const res = await loginRoute(request('POST', '/api/auth/login', null, { username, password }), ctx({}))
      expect(res.status).toBe(401)
      expect((await res.json()).error.message).toBe('Wrong username or password')
    }
    const res = await topicsRoute(request('GET', '/api/clusters/test/topics', null), ctx({ clusterId: 'test' }))
    expect(res.status).toBe(401)
    expect((await res.json()).error.code).toBe('unauthorized')
    const forged = await topicsRoute(
      request('GET', '/api/clusters/test/topics', null, undefined, {
        cookie: `ferry_session=${cookies.admin1.split('=')[1]}x`,
      }),
      ctx({ clusterId: 'test' }),
    )
    expect(forged.status).toBe(401)
  })

  it('GET /api/session names the user and what they may do', async () => {
    const res = await sessionRoute(request('GET', '/api/session', 'operator1'), ctx({}))
    const body = await res.json()
    expect(body).toMatchObject({ authMode: 'sign-in', user: { name: 'operator1', roles: ['operator'] } })
    expect(body.permissions.test).toEqual(['read', 'topic.produce', 'group.reset-offsets', 'dlq.replay', 'dlq.discard'])
    const anon = await (await sessionRoute(request('GET', '/api/session', null), ctx({}))).json()
    expect(anon).toMatchObject({ user: null, signIn: { usersFile: true, oidc: null }, grants: [] })
  })

  it('refuses mutations without the X-Ferry-Request header or from another site (CSRF)', async () => {
    const name = uniqueName('csrf')
    const noHeader = new Request('http://127.0.0.1:3000/api/clusters/test/topics', {
      method: 'POST',
      headers: { cookie: cookies.admin1, 'content-type': 'application/json' },
      body: JSON.stringify({ name, partitions: 1, replicationFactor: 1, configs: {}, dryRun: false }),
    })
    const res = await createRoute(noHeader, ctx({ clusterId: 'test' }))
    expect(res.status).toBe(403)
    expect((await res.json()).error.message).toMatch(/x-ferry-request/)
    const crossSite = await create(name)('admin1')
    expect(crossSite.status).not.toBe(403) // same request with the header passes…
    const evil = await createRoute(
      request(
        'POST',
        '/api/clusters/test/topics',
        'admin1',
        { name: uniqueName('csrf'), partitions: 1, replicationFactor: 1, configs: {}, dryRun: false },
        { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      ),
      ctx({ clusterId: 'test' }),
    )
    expect(evil.status).toBe(403)
  })
})

describe('every mutating route × every role', () => {
  it('POST topics (create): admin only; refused creates nothing', async () => {
    for (const user of ['viewer1', 'operator1', 'alice'] as const) {
      const name = uniqueName(`${SCOPED}-c`)
      await expectRefused(await create(name)(user), user, /create topics/)
      expect(await admin.listTopics()).not.toContain(name)
    }
    const name = uniqueName('ac-created')
    const res = await create(name)('admin1')
    expect(res.status).toBe(201)
    expect(await admin.listTopics()).toContain(name)
    // The audit actor is the signed-in user.
    const entries = (await listAuditEntries('test', { limit: 1_000 })).filter((e) => e.target.topic === name)
    expect(entries.map((e) => [e.action, e.actor])).toEqual([['topic.create', 'admin1']])
  })

  it('POST produce: operator and admin; alice only on her topics; refused writes nothing', async () => {
    const before = await endOffsetSum(topic)
    for (const user of ['viewer1', 'alice'] as const)
      await expectRefused(await produce(topic)(user), user, /produce messages/)
    expect(await endOffsetSum(topic)).toBe(before)
    for (const user of ['operator1', 'admin1'] as const) expect((await produce(topic)(user)).status).toBe(200)
    expect(await endOffsetSum(topic)).toBe(before + 2)
    expect((await produce(SCOPED)('alice')).status).toBe(200)
    expect(await endOffsetSum(SCOPED)).toBe(1)
  })

  it('POST actions (alter-configs, purge, delete): admin only; refused changes nothing', async () => {
    const victim = uniqueName('ac-victim')
    await createTopicsAndWait(inject('kafkaBootstrap').split(','), [{ topic: victim, numPartitions: 1 }])
    const p = testKafka().producer({ idempotent: true, maxInFlightRequests: 1 })
    await p.connect()
    await p.send({ topic: victim, acks: -1, messages: [{ value: '1' }, { value: '2' }] })
    await p.disconnect()
    const bodies = [
      [
        { action: 'alter-configs', dryRun: false, set: { 'retention.ms': '3600000' }, delete: [] },
        /change topic configs/,
      ],
      [{ action: 'purge', dryRun: false }, /purge topics/],
      [{ action: 'delete', dryRun: false }, /delete topics/],
      [{ action: 'unknown-action', dryRun: false }, /may not/],
    ] as const
    for (const user of ['viewer1', 'operator1', 'alice'] as const)
      for (const [body, words] of bodies) await expectRefused(await act(victim, body)(user), user, words)
    expect(await admin.listTopics()).toContain(victim)
    expect(await endOffsetSum(victim)).toBe(2)
    const lows = await withFreshAdmin((a) => a.fetchTopicOffsets(victim))
    expect(lows.map((l) => l.low)).toEqual(['0'])

    for (const [body] of bodies.slice(0, 3)) {
      const res = await act(victim, body)('admin1')
      expect(res.status, JSON.stringify(await res.clone().json())).toBe(200)
    }
    expect(await admin.listTopics()).not.toContain(victim)
  })

  it('group routes: operator resets; only admin deletes offsets or groups; refused changes nothing', async () => {
    const g = uniqueName('ac-group')
    await commitOffsets(g, topic)
    for (const user of ['viewer1', 'alice'] as const)
      await expectRefused(await reset(g)(user), user, /reset consumer group offsets/)
    expect(await committed(g, topic)).toEqual(['1'])
    expect((await reset(g)('operator1')).status).toBe(200)
    expect(await committed(g, topic)).toEqual(['0'])
    await commitOffsets(g, topic)
    expect((await reset(g)('admin1')).status).toBe(200)
    expect(await committed(g, topic)).toEqual(['0'])

    for (const user of ['viewer1', 'operator1', 'alice'] as const) {
      await expectRefused(await deleteOffsets(g, topic)(user), user, /delete consumer group offsets/)
      await expectRefused(await deleteResetOffsets(g)(user), user, /delete consumer group offsets/)
      await expectRefused(await deleteGroup(g)(user), user, /delete consumer groups/)
    }
    expect(await committed(g, topic)).toEqual(['0'])
    expect((await admin.listGroups()).groups.map((x) => x.groupId)).toContain(g)

    expect((await deleteResetOffsets(g)('admin1')).status).not.toBe(403) // the group has no offsets on topic "reset"
    expect((await deleteOffsets(g, topic)('admin1')).status).toBe(200)
    expect(await committed(g, topic)).toEqual(['-1'])
    await commitOffsets(g, topic)
    expect((await deleteGroup(g)('admin1')).status).toBe(200)
    expect((await admin.listGroups()).groups.map((x) => x.groupId)).not.toContain(g)
  })

  it('a read-only cluster refuses every mutating route, even for admin', async () => {
    const g = uniqueName('ac-ro-group')
    await commitOffsets(g, topic)
    const before = await endOffsetSum(topic)
    const calls: Call[] = [
      create(uniqueName('ac-ro')),
      act(topic, { action: 'purge', dryRun: false }),
      act(topic, { action: 'delete', dryRun: false }),
      act(topic, { action: 'alter-configs', dryRun: false, set: { 'retention.ms': '1000' }, delete: [] }),
      produce(topic),
      deleteOffsets(g, topic),
      deleteResetOffsets(g),
      deleteGroup(g),
    ]
    for (const call of calls) {
      const res = await call('admin1', 'ro')
      expect(res.status).toBe(403)
      expect((await res.json()).error.message).toMatch(/read-only/)
    }
    // The reset answers its plan with the refusal in words and executes nothing.
    const res = await reset(g)('admin1', 'ro')
    expect([200, 403]).toContain(res.status)
    expect(JSON.stringify(await res.json())).toMatch(/read-only/)
    expect(await committed(g, topic)).toEqual(['1'])
    expect(await endOffsetSum(topic)).toBe(before)
    expect(await admin.listTopics()).toContain(topic)
  })
})
