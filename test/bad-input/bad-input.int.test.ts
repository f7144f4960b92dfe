import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ErrorCode, STATUS_OF } from '@/lib/errors'
import { closeAllClients } from '@/lib/kafka/client'
import { createTopicsAndWait, testKafka, uniqueName, useTestCluster } from '../test-cluster'
import {
  BAD_BODIES,
  type Case,
  CEL_BASE_QUERY,
  casesFor,
  celCasesFor,
  celProbeFor,
  type Fixture,
  MARK,
  urlOf,
} from './cases'
import { type DiscoveredRoute, discoverRoutes, handlersOf, type Method } from './discover-routes'
import { diffSnapshots, readMoved, type Snapshot, snapshotOffsets } from './kafka-snapshot'

const CALL_TIMEOUT_MS = 15_000
/** How long a streaming 2xx answer (a scan, a tail) is read before the client goes away. */
const STREAM_READ_MS = 3_000

/**
 * Cases where a 2xx is the right answer although the input looks wrong, keyed "METHOD pattern case". Anything else
 * answering 2xx to bad input fails the suite.
 */
const JUSTIFIED_2XX: Record<string, string> = {}
const QUERY_IGNORED = 'takes no query parameters: unknown ones are ignored, as everywhere on the web'
for (const p of [
  '/api/health',
  '/api/clusters',
  '/api/metrics',
  '/api/clusters/[clusterId]/overview',
  '/api/clusters/[clusterId]/topics',
  '/api/clusters/[clusterId]/groups',
  '/api/clusters/[clusterId]/lag-sampler',
  '/api/clusters/[clusterId]/topics/[topic]',
  '/api/clusters/[clusterId]/topics/[topic]/configs',
  '/api/clusters/[clusterId]/topics/[topic]/consumers',
  '/api/clusters/[clusterId]/dlq',
  '/api/clusters/[clusterId]/dlq/replay-jobs',
  '/api/session',
])
  JUSTIFIED_2XX[`GET ${p} query:wrong-types`] = QUERY_IGNORED
for (const label of ['traversal', 'dotdot', 'bad-utf8'])
  JUSTIFIED_2XX[`GET /api/clusters/[clusterId]/groups/[groupId]/history segment:groupId:${label}`] =
    'a legal Kafka group id once decoded (or left as is when not decodable): a never-sampled group has an empty history'
for (const label of Object.keys(BAD_BODIES))
  JUSTIFIED_2XX[`POST /api/auth/logout body:${label}`] = 'logout reads no body: any POST signs out'
JUSTIFIED_2XX['GET /api/auth/oidc/callback query:wrong-types'] =
  'a browser redirect (303) back to the sign-in page with the failure, not an API answer'

const routes = discoverRoutes()
let fixture: Fixture
let before: Snapshot
const coverage: string[] = []
const justified: string[] = []
const celRoutes: string[] = []

describe('bad input on every API route', () => {
  beforeAll(async () => {
    const { bootstrap } = useTestCluster()
    fixture = { topic: uniqueName(MARK), group: uniqueName(`${MARK}-group`) }
    await createTopicsAndWait(bootstrap.split(','), [{ topic: fixture.topic, numPartitions: 1 }])
    // One record, so CEL filters are really evaluated by the scan routes.
    const producer = testKafka().producer({ idempotent: true, maxInFlightRequests: 1 })
    await producer.connect()
    await producer.send({ topic: fixture.topic, messages: [{ key: 'k', value: '{"a":1}' }] })
    await producer.disconnect()
    before = await snapshotOffsets(testKafka())
  })
  afterAll(async () => {
    console.log(`[bad-input] routes covered:\n  ${coverage.join('\n  ')}`)
    console.log(`[bad-input] routes reading a CEL filter: ${celRoutes.join(', ')}`)
    if (justified.length) console.log(`[bad-input] justified 2xx:\n  ${justified.join('\n  ')}`)
    await closeAllClients()
  })

  it('discovers the API routes from app/api', () => {
    expect(routes.map((r) => r.pattern)).toContain('/api/health')
    expect(routes.map((r) => r.pattern)).toContain('/api/clusters/[clusterId]/topics/[topic]/produce')
  })

  describe.concurrent('each route refuses malformed input with a clear 4xx', () => {
    for (const route of routes)
      it(route.pattern, async () => {
        const handlers = await handlersOf(route)
        const problems: string[] = []
        let count = 0
        for (const [method, handler] of Object.entries(handlers) as [Method, Handler][]) {
          const cases = casesFor(route, method, fixture)
          if (method === 'GET') {
            const celCases = await celCasesIfFiltering(route, handler)
            if (celCases) celRoutes.push(route.pattern)
            cases.push(...(celCases ?? []))
          }
          const results = await inBatches(cases, 6, (c) => runCase(route, handler, c))
          for (const r of results) problems.push(...r.problems)
          count += cases.length
        }
        coverage.push(`${Object.keys(handlers).join(',').padEnd(12)} ${route.pattern} (${count} cases)`)
        expect(problems).toEqual([])
      }, 120_000)
  })

  describe('afterwards', () => {
    it('the server still answers: health and the topics list are 200', async () => {
      const find = (p: string) => routes.find((r) => r.pattern === p) as DiscoveredRoute
      const health = (await handlersOf(find('/api/health'))).GET as Handler
      expect((await health(new Request('http://127.0.0.1/api/health'), { params: Promise.resolve({}) })).status).toBe(
        200,
      )
      const topics = (await handlersOf(find('/api/clusters/[clusterId]/topics'))).GET as Handler
      const res = await topics(new Request('http://127.0.0.1/api/clusters/test/topics'), {
        params: Promise.resolve({ clusterId: 'test' }),
      })
      expect(res.status).toBe(200)
      expect((await res.json()).topics.map((t: { name: string }) => t.name)).toContain(fixture.topic)
    })

    it('no prototype was polluted by __proto__ / constructor keys', () => {
      const probe = {} as Record<string, unknown>
      expect([probe.isAdmin, probe.polluted, probe.dryRun]).toEqual([undefined, undefined, undefined])
    })

    it('nothing was written to Kafka: no new topic, no record, no audit entry for refused input', async () => {
      const kafka = testKafka()
      const diff = diffSnapshots(before, await snapshotOffsets(kafka))
      // Other test files share the broker; only traces of this suite's input count.
      const suspicious = /badin|passwd|set-cookie|nope-/i
      expect(diff.newTopics.filter((t) => suspicious.test(t))).toEqual([])
      expect(diff.moved.filter((m) => m.topic === fixture.topic)).toEqual([])
      const watched = diff.moved.filter((m) => m.topic.startsWith('_ferry') || m.topic === '__consumer_offsets')
      const records = await readMoved(kafka, watched)
      console.log(
        `[bad-input] Kafka during the suite: new topics ${diff.newTopics.join(', ')}; moved ${JSON.stringify(diff.moved)}, ${records.length} records read back`,
      )
      expect(records.filter((r) => suspicious.test(r) || r.includes('%E0%A4%A'))).toEqual([])
    }, 30_000)
  })
})

type Handler = (req: Request, ctx: unknown) => Promise<Response>

/**
 * A route reads a CEL filter when an unparsable `cel` gets a 4xx naming it (tried with and without the scan window,
 * as some query schemas are strict). Then the CEL cases run with the query that reached the filter.
 */
async function celCasesIfFiltering(route: DiscoveredRoute, handler: Handler): Promise<Case[] | null> {
  for (const base of [CEL_BASE_QUERY, '']) {
    const probe = await runCase(route, handler, celProbeFor(route, fixture, base))
    if (probe.status >= 400 && probe.status < 500 && /\bcel\b/i.test(probe.text))
      return celCasesFor(route, fixture, base)
  }
  return null
}

type Result = { status: number; text: string; problems: string[] }

async function runCase(route: DiscoveredRoute, handler: Handler, c: Case): Promise<Result> {
  const label = `${c.method} ${route.pattern} ${c.name}`
  const abort = new AbortController()
  const req = new Request(urlOf(route, c), {
    method: c.method,
    body: c.body?.text,
    // What the console sends (the CSRF header of lib/auth), so only the input under test is wrong.
    headers: {
      'x-ferry-request': '1',
      ...(c.body ? { 'content-type': c.body.type ?? 'application/json' } : {}),
      ...c.headers,
    },
    signal: abort.signal,
  })
  const started = Date.now()
  let res: Response
  try {
    res = await within(handler(req, { params: Promise.resolve(c.params) }), CALL_TIMEOUT_MS)
  } catch (err) {
    abort.abort()
    return { status: 0, text: '', problems: [`${label}: ${err instanceof Error ? err.message : String(err)}`] }
  }
  const problems: string[] = []
  // Sign-in routes set their own cookies; only the injected one (x=1) or a raw line break is a finding.
  for (const [name, value] of res.headers)
    if (/[\r\n]/.test(value) || /set-cookie|(^|[;,\s])x=1/i.test(value))
      problems.push(`${label}: header ${name} carries injected content`)
  let text = ''
  if (res.status >= 400) {
    text = await within(res.text(), CALL_TIMEOUT_MS).catch((e) => `<unreadable: ${e}>`)
    problems.push(...errorBodyProblems(label, res.status, text))
    // The suite is the local admin (no sign-in configured): a 401/403 means the gate refused before the input was
    // judged, and the case proved nothing.
    if ((res.status === 401 || res.status === 403) && !/^\/api\/(auth|session)\b/.test(route.pattern))
      problems.push(`${label}: refused by the access gate (${res.status}), the input was never judged`)
  } else {
    text = await readFor(res, STREAM_READ_MS)
  }
  abort.abort()
  const elapsed = Date.now() - started
  const ok = c.expect === 'bounded' ? res.status < 500 : res.status >= 400 && res.status < 500
  if (!ok) {
    const reason = JUSTIFIED_2XX[`${c.method} ${route.pattern} ${c.name}`]
    if (reason && res.status < 400) justified.push(`${label}: ${res.status} (${reason})`)
    else problems.push(`${label}: status ${res.status} ${text.slice(0, 200)}`)
  }
  if (elapsed > CALL_TIMEOUT_MS) problems.push(`${label}: took ${elapsed} ms`)
  return { status: res.status, text, problems }
}

function errorBodyProblems(label: string, status: number, text: string): string[] {
  let body: { error?: { code?: unknown; message?: unknown } }
  try {
    body = JSON.parse(text)
  } catch {
    return [`${label}: ${status} body is not JSON: ${text.slice(0, 120)}`]
  }
  const code = body.error?.code
  const message = body.error?.message
  if (typeof code !== 'string' || !(code in STATUS_OF))
    return [`${label}: error.code ${String(code)} is not an ErrorCode`]
  if (STATUS_OF[code as ErrorCode] !== status) return [`${label}: code ${code} with status ${status}`]
  if (typeof message !== 'string' || message.length === 0) return [`${label}: error.message missing`]
  if (message.length > 5_000) return [`${label}: error.message is ${message.length} characters (echoes the input?)`]
  return []
}

/** Reads a 2xx body (possibly an endless stream) for at most `ms`. */
async function readFor(res: Response, ms: number): Promise<string> {
  if (!res.body) return ''
  const reader = res.body.getReader()
  const chunks: Uint8Array[] = []
  const deadline = Date.now() + ms
  try {
    for (;;) {
      const left = deadline - Date.now()
      if (left <= 0) break
      const next = await within(reader.read(), left).catch(() => null)
      if (!next || next.done) break
      chunks.push(next.value)
    }
  } finally {
    await reader.cancel().catch(() => undefined)
  }
  return Buffer.concat(chunks).toString('utf8')
}

function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)
  })
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer))
}

async function inBatches<T, R>(items: T[], size: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = []
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(fn))))
  return out
}
