// Shared by server and browser: the audit viewer's filters as URL query parameters, and the pure filtering, paging
// and export formatting applied to entries read from the audit topic.
import { z } from 'zod'
import type { AuditEntry } from './types'

export const AUDIT_PAGE_MAX = 500
export const AUDIT_PAGE_DEFAULT = 100

const text = (max: number) => z.string().trim().min(1).max(max).optional()
const instant = z.iso.datetime({ offset: true, message: 'an ISO date-time, e.g. 2026-01-31T12:00:00Z' }).optional()

export const AuditQuerySchema = z
  .object({
    /** Entries at or after this time. */
    from: instant,
    /** Entries before this time. */
    to: instant,
    /** Substring of the actor, case-insensitive (as every text filter). */
    actor: text(200),
    /** Exact action (e.g. topic.delete) or a prefix ending in "." (e.g. "group."). */
    action: text(100),
    cluster: text(100),
    topic: text(255),
    group: text(255),
    result: z.enum(['ok', 'error']).optional(),
    /** Free text over summary, action, actor, targets, error and params. */
    q: text(500),
    limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(AUDIT_PAGE_DEFAULT),
    /** The cursor of the previous page: entries older than it. */
    before: z
      .string()
      .max(400)
      .regex(/^[^|]+\|[^|]+$/, 'a cursor from a previous page')
      .optional(),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    path: ['to'],
    message: 'must be after from',
  })

export type AuditQuery = z.infer<typeof AuditQuerySchema>
export type AuditFilters = Omit<AuditQuery, 'limit' | 'before'>

/** Query parameters → AuditQuery (empty values are absent); throws a ZodError on bad input. */
export function parseAuditQuery(params: URLSearchParams): AuditQuery {
  return AuditQuerySchema.parse(Object.fromEntries([...params].filter(([, v]) => v.trim() !== '')))
}

/** Filters (and optionally a page position) → query string, the inverse of parseAuditQuery. */
export function auditQueryString(q: Partial<AuditQuery> & { format?: 'csv' | 'jsonl' }): string {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') params.set(k, String(v))
  return params.toString()
}

const has = (haystack: string | undefined, needle: string) =>
  haystack?.toLowerCase().includes(needle.toLowerCase()) === true

export function matchesAudit(entry: AuditEntry, f: AuditFilters): boolean {
  const at = Date.parse(entry.at)
  if (f.from && !(at >= Date.parse(f.from))) return false
  if (f.to && !(at < Date.parse(f.to))) return false
  if (f.actor && !has(entry.actor, f.actor)) return false
  if (f.action && !(f.action.endsWith('.') ? entry.action.startsWith(f.action) : entry.action === f.action))
    return false
  if (f.cluster && !has(entry.clusterId, f.cluster)) return false
  if (f.topic && !has(entry.target?.topic, f.topic)) return false
  if (f.group && !has(entry.target?.group, f.group)) return false
  if (f.result && entry.result !== f.result) return false
  if (f.q) {
    const all = [entry.summary, entry.action, entry.actor, entry.target?.topic, entry.target?.group, entry.error]
    if (!all.some((s) => has(s, f.q as string)) && !has(JSON.stringify(entry.params ?? null), f.q)) return false
  }
  return true
}

/** Newest first; equal times by id so the order (and the cursors) are stable. */
export function compareNewestFirst(a: AuditEntry, b: AuditEntry): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0
}

export function cursorOf(entry: AuditEntry): string {
  return `${entry.at}|${entry.id}`
}

/** One page of entries already sorted newest first: those after the cursor, and the cursor of the next page. */
export function pageOf(
  sorted: readonly AuditEntry[],
  q: Pick<AuditQuery, 'limit' | 'before'>,
): { entries: AuditEntry[]; nextCursor: string | null } {
  let start = 0
  if (q.before) {
    const [at = '', id = ''] = q.before.split('|')
    const anchor = { at, id } as AuditEntry
    start = sorted.findIndex((e) => compareNewestFirst(anchor, e) < 0)
    if (start < 0) start = sorted.length
  }
  const entries = sorted.slice(start, start + q.limit)
  const last = entries.at(-1)
  return { entries, nextCursor: last && start + q.limit < sorted.length ? cursorOf(last) : null }
}

/** What the viewer gets: a page, how many entries match in all, and whether the audit trail could be read. */
export type AuditPage = {
  topic: string
  /** false: the trail cannot be read (reason says why); missing: nothing has been audited on this cluster yet. */
  status: { state: 'ok' } | { state: 'missing' } | { state: 'unavailable'; reason: string }
  entries: AuditEntry[]
  nextCursor: string | null
  matched: number
  /** Entries read from the topic. */
  scanned: number
  /** Only the newest `scanned` entries were read (the topic holds more). */
  truncated: boolean
}

export const AUDIT_CSV_COLUMNS = [
  'at',
  'actor',
  'action',
  'cluster',
  'topic',
  'group',
  'result',
  'summary',
  'error',
  'params',
  'id',
] as const

/** A CSV cell: quoted when needed; a leading = + - @ is defused so a spreadsheet never runs it as a formula. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

export function auditCsvLine(e: AuditEntry): string {
  const cells = [
    e.at,
    e.actor,
    e.action,
    e.clusterId,
    e.target?.topic ?? '',
    e.target?.group ?? '',
    e.result,
    e.summary,
    e.error ?? '',
    JSON.stringify(e.params ?? null),
    e.id,
  ]
  return cells.map((c) => csvCell(String(c ?? ''))).join(',')
}

export function auditCsv(entries: readonly AuditEntry[]): string {
  return `${[AUDIT_CSV_COLUMNS.join(','), ...entries.map(auditCsvLine)].join('\r\n')}\r\n`
}

export function auditJsonLines(entries: readonly AuditEntry[]): string {
  return entries.map((e) => `${JSON.stringify(e)}\n`).join('')
}
