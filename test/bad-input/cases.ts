import type { DiscoveredRoute, Method } from './discover-routes'

/** Names that mark everything this suite sends, so its traces (topics, audit records) can be recognised. */
export const MARK = 'badin'

export type Fixture = { topic: string; group: string }

export type Expect = '4xx' | 'bounded'

export type Case = {
  name: string
  method: Method
  /** The route context's params as Next passes them (segments still percent-encoded). */
  params: Record<string, string | string[]>
  query?: string
  body?: { text: string; type?: string }
  headers?: Record<string, string>
  /** '4xx': refused with the error body. 'bounded': any non-5xx answer, but within the time limit. */
  expect: Expect
}

/** Malformed path segments, as they arrive in params (percent-encoded when the client encoded them). */
export const BAD_SEGMENTS: Record<string, string> = {
  traversal: '..%2F..%2Fetc%2Fpasswd',
  dotdot: '..',
  'nul-encoded': '%00',
  'nul-raw': 'a\u0000b',
  'crlf-encoded': 'a%0D%0ASet-Cookie:x=1',
  'crlf-raw': 'a\r\nSet-Cookie: x=1',
  'long-10k': 'x'.repeat(10_240),
  'bad-utf8': '%E0%A4%A',
  empty: '',
}

const FIVE_MB = 5 * 1024 * 1024
const deepObject = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`

/** Request bodies that no mutation schema may accept. */
export const BAD_BODIES: Record<string, { text: string; type?: string }> = {
  'not-json': { text: 'hello world', type: 'text/plain' },
  malformed: { text: '{"dryRun": true, "a":' },
  empty: { text: '' },
  'json-string': { text: '"str"' },
  'json-number': { text: '42' },
  'json-array': { text: '[1,2,3]' },
  'json-null': { text: 'null' },
  'json-empty-object': { text: '{}' },
  'wrong-types': {
    text: JSON.stringify({
      dryRun: 'yes',
      action: 7,
      name: 123,
      numPartitions: 'many',
      partitions: 'all',
      replicationFactor: [],
      value: 42,
      valueFormat: [],
      headers: 'x',
      partition: '0',
      key: {},
      topics: null,
      strategy: { nested: { deeper: true } },
      configs: [[1]],
      reason: 12,
    }),
  },
  'deep-nesting': { text: deepObject(10_000) },
  proto: {
    text: '{"__proto__":{"dryRun":false,"isAdmin":true},"constructor":{"prototype":{"polluted":true}}}',
  },
  'huge-json-5mb': { text: `{"value":"${'x'.repeat(FIVE_MB)}","valueFormat":"text"}` },
  'huge-text-5mb': { text: 'x'.repeat(FIVE_MB), type: 'text/plain' },
}

/** Every known query parameter with a wrong type, plus junk. */
export const BAD_QUERY = new URLSearchParams({
  limit: 'abc',
  from: 'nowhere',
  partitions: 'x,y',
  maxMs: '-5',
  maxScan: '1e999',
  range: 'forever',
  offset: '-1',
  timestamp: 'yesterday',
  direction: 'sideways',
  format: 'exe',
  keyFormat: '1',
  valueFormat: '\u0000',
  cursor: '%E0%A4%A',
  since: 'not-a-date',
  until: '[]',
  action: '\r\nSet-Cookie: x=1',
  dryRun: 'maybe',
}).toString()

const list = (n: number) => `[${Array(n).fill('1').join(',')}]`

/** CEL filters meant to blow up the parser or the per-message evaluation. */
export const BAD_CEL: Record<string, { cel: string; expect: Expect }> = {
  'deep-parens-10k': { cel: `${'('.repeat(10_000)}true${')'.repeat(10_000)}`, expect: '4xx' },
  'huge-list-100k': { cel: `${list(100_000)}.size() > 0`, expect: '4xx' },
  'huge-map-100k': {
    cel: `{${Array.from({ length: 100_000 }, (_, i) => `"k${i}":1`).join(',')}}.size() > 0`,
    expect: '4xx',
  },
  'long-string-100k': { cel: `"${'a'.repeat(100_000)}" == string(key)`, expect: '4xx' },
  'list-at-parser-limit': { cel: `${list(201)}.size() > 0`, expect: '4xx' },
  'nested-comprehensions': {
    cel: `[${list(20)}].all(a, a.all(b, a.all(c, a.all(d, a.all(e, a.all(f, a.all(g, a.all(h, true))))))))`,
    expect: '4xx',
  },
  'string-doubling': {
    cel: `["${'x'.repeat(1_000)}"].all(a, [a+a+a+a+a+a+a+a+a+a].all(b, [b+b+b+b+b+b+b+b+b+b].all(c, [c+c+c+c+c+c+c+c+c+c].all(d, d.size() > 0))))`,
    expect: '4xx',
  },
  'regex-backreference': { cel: 'string(key).matches("^(a+)+\\\\1$")', expect: '4xx' },
  'regex-pattern-from-data': { cel: '"aaaa".matches(string(key))', expect: '4xx' },
  'regex-catastrophic': { cel: `"${'a'.repeat(40)}!".matches("^(a+)+$")`, expect: 'bounded' },
  'not-a-bool': { cel: '1 + 1', expect: '4xx' },
  syntax: { cel: 'value.', expect: '4xx' },
}

/** A well-formed value for a dynamic segment (so only the part under test is wrong). */
export function validValue(name: string, f: Fixture): string {
  if (name === 'clusterId') return 'test'
  if (name === 'topic') return f.topic
  if (name === 'groupId') return f.group
  if (name === 'partition' || name === 'offset') return '0'
  return `${MARK}-${name.toLowerCase()}`
}

function paramsWith(route: DiscoveredRoute, f: Fixture, override: Record<string, string> = {}) {
  return Object.fromEntries(
    route.params.map((p) => {
      const v = override[p.name] ?? validValue(p.name, f)
      return [p.name, p.catchAll ? [v] : v]
    }),
  )
}

const BODY_METHODS = new Set<Method>(['POST', 'PUT', 'PATCH'])

/** The generated table for one route and method (CEL cases are added once a route shows it reads `cel`). */
export function casesFor(route: DiscoveredRoute, method: Method, f: Fixture): Case[] {
  const out: Case[] = []
  if (route.params.some((p) => p.name === 'clusterId'))
    out.push({
      name: 'unknown-cluster',
      method,
      params: paramsWith(route, f, { clusterId: `nope-${MARK}` }),
      expect: '4xx',
    })
  for (const p of route.params)
    for (const [label, bad] of Object.entries(BAD_SEGMENTS))
      out.push({
        name: `segment:${p.name}:${label}`,
        method,
        params: paramsWith(route, f, { [p.name]: bad }),
        expect: '4xx',
      })
  if (BODY_METHODS.has(method))
    for (const [label, body] of Object.entries(BAD_BODIES))
      out.push({ name: `body:${label}`, method, params: paramsWith(route, f), body, expect: '4xx' })
  if (method === 'GET')
    out.push({ name: 'query:wrong-types', method, params: paramsWith(route, f), query: BAD_QUERY, expect: '4xx' })
  return out
}

/** The scan window the CEL cases use: from the oldest record (the fixture holds one), briefly. */
export const CEL_BASE_QUERY = 'from=oldest&maxMs=2000&limit=10'

export function celCasesFor(route: DiscoveredRoute, f: Fixture, base: string): Case[] {
  return Object.entries(BAD_CEL).map(([label, { cel, expect }]) => ({
    name: `cel:${label}`,
    method: 'GET' as const,
    params: paramsWith(route, f),
    query: [base, new URLSearchParams({ cel }).toString()].filter(Boolean).join('&'),
    expect,
  }))
}

export function celProbeFor(route: DiscoveredRoute, f: Fixture, base: string): Case {
  return {
    name: 'cel:probe',
    method: 'GET',
    params: paramsWith(route, f),
    query: [base, 'cel=((('].filter(Boolean).join('&'),
    expect: '4xx',
  }
}

/** The request URL for a case: the pattern with its segments filled in (already-encoded ones kept as they are). */
export function urlOf(route: DiscoveredRoute, c: Case): string {
  let p = route.pattern
  for (const { name, catchAll } of route.params) {
    const v = c.params[name]
    const seg = (catchAll ? (v as string[]).join('/') : (v as string)).replace(
      /[^A-Za-z0-9._~%:/-]/g,
      encodeURIComponent,
    )
    p = p.replace(`[[...${name}]]`, seg).replace(catchAll ? `[...${name}]` : `[${name}]`, seg)
  }
  return `http://127.0.0.1${p}${c.query ? `?${c.query}` : ''}`
}
