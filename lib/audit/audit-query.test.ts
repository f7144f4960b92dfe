import { describe, expect, it } from 'vitest'
import {
  auditCsv,
  auditJsonLines,
  auditQueryString,
  compareNewestFirst,
  csvCell,
  matchesAudit,
  pageOf,
  parseAuditQuery,
} from './audit-query'
import type { AuditEntry } from './types'

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: 'id-0',
  at: '2026-01-01T00:00:00.000Z',
  actor: 'anonymous',
  clusterId: 'prod',
  action: 'topic.delete',
  target: { topic: 'orders' },
  params: { reason: 'cleanup' },
  result: 'ok',
  summary: 'Deleted topic orders',
  ...over,
})

describe('parseAuditQuery', () => {
  it('defaults the page size and drops empty values', () => {
    expect(parseAuditQuery(new URLSearchParams('actor=&result=ok'))).toEqual({ result: 'ok', limit: 100 })
  })

  it('refuses bad input with the field named', () => {
    expect(() => parseAuditQuery(new URLSearchParams('from=yesterday'))).toThrow(/from/)
    expect(() => parseAuditQuery(new URLSearchParams('result=maybe'))).toThrow(/result/)
    expect(() => parseAuditQuery(new URLSearchParams('limit=100000'))).toThrow(/limit/)
    expect(() => parseAuditQuery(new URLSearchParams('from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z'))).toThrow(
      /after from/,
    )
    expect(() => parseAuditQuery(new URLSearchParams('before=nonsense'))).toThrow(/cursor/)
  })

  it('round-trips through auditQueryString', () => {
    const q = { actor: 'ann', action: 'group.', from: '2026-01-01T00:00:00Z', limit: 20 }
    expect(parseAuditQuery(new URLSearchParams(auditQueryString(q)))).toEqual(q)
  })
})

describe('matchesAudit', () => {
  const e = entry({ actor: 'Ann', target: { topic: 'orders', group: 'billing' }, error: 'TOPIC_AUTHORIZATION' })
  it.each([
    [{}, true],
    [{ from: '2026-01-01T00:00:00Z' }, true],
    [{ from: '2026-01-01T00:00:01Z' }, false],
    [{ to: '2026-01-01T00:00:00Z' }, false],
    [{ actor: 'ann' }, true],
    [{ actor: 'bob' }, false],
    [{ action: 'topic.delete' }, true],
    [{ action: 'topic.' }, true],
    [{ action: 'topic' }, false],
    [{ cluster: 'PROD' }, true],
    [{ topic: 'ord' }, true],
    [{ group: 'bill' }, true],
    [{ group: 'ship' }, false],
    [{ result: 'error' as const }, false],
    [{ q: 'cleanup' }, true],
    [{ q: 'authorization' }, true],
    [{ q: 'nowhere' }, false],
  ])('%j → %s', (filters, expected) => {
    expect(matchesAudit(e, filters)).toBe(expected)
  })
})

describe('pageOf', () => {
  const sorted = Array.from({ length: 5 }, (_, i) =>
    entry({ id: `id-${i}`, at: `2026-01-0${5 - i}T00:00:00.000Z` }),
  ).sort(compareNewestFirst)

  it('pages newest first with a cursor that survives new entries', () => {
    const first = pageOf(sorted, { limit: 2 })
    expect(first.entries.map((e) => e.id)).toEqual(['id-0', 'id-1'])
    const newer = [entry({ id: 'new', at: '2026-02-01T00:00:00.000Z' }), ...sorted]
    const second = pageOf(newer, { limit: 2, before: first.nextCursor ?? undefined })
    expect(second.entries.map((e) => e.id)).toEqual(['id-2', 'id-3'])
    const third = pageOf(newer, { limit: 2, before: second.nextCursor ?? undefined })
    expect(third.entries.map((e) => e.id)).toEqual(['id-4'])
    expect(third.nextCursor).toBeNull()
  })

  it('orders equal times by id', () => {
    const a = entry({ id: 'a' })
    const b = entry({ id: 'b' })
    expect([a, b].sort(compareNewestFirst).map((e) => e.id)).toEqual(['b', 'a'])
  })
})

describe('export formats', () => {
  it('quotes CSV cells and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain')
    expect(csvCell('a,"b"')).toBe('"a,""b"""')
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
    expect(csvCell('-1')).toBe("'-1")
  })

  it('writes a header and one line per entry; JSON Lines round-trips', () => {
    const e = entry({ summary: 'line one\nline two' })
    const csv = auditCsv([e])
    expect(csv.startsWith('at,actor,action,cluster,topic,group,result,summary,error,params,id\r\n')).toBe(true)
    expect(csv).toContain('"line one\nline two"')
    expect(
      auditJsonLines([e, e])
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l)),
    ).toEqual([e, e])
  })
})
