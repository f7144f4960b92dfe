// Pure filtering, sorting and URL state for the groups table, kept apart so they are unit-tested without a DOM.
import { z } from 'zod'
import { parseBigInt } from '@/lib/client/format'
import type { GroupRow } from '@/lib/groups/types'
import type { LagVerdict } from '@/lib/lag/history-types'
import { clusterHref } from '@/lib/nav'
import { compareStates, GROUP_TYPES, groupTypeLabel } from './group-labels'

/** Worst first: sorting by verdict ascending brings the groups that need attention to the top. */
export const VERDICTS: readonly LagVerdict[] = ['RETENTION_RISK', 'STOPPED', 'STALLED', 'WARNING', 'UNKNOWN', 'OK']

export const GROUP_SORT_KEYS = [
  'groupId',
  'type',
  'state',
  'verdict',
  'members',
  'topics',
  'totalLag',
  'maxLagMs',
] as const
export type GroupSortKey = (typeof GROUP_SORT_KEYS)[number]
export type SortDirection = 'asc' | 'desc'

/** `?a=1&a=2` arrives as an array from Next's searchParams: use the first. */
const first = (value: unknown) => (Array.isArray(value) ? value[0] : value)

/** The table's URL state. Every field falls back to its default, so a hand-edited URL degrades instead of failing. */
export const GroupSearchSchema = z.object({
  q: z.preprocess(first, z.string().max(256)).catch(''),
  /** '' is every type. */
  type: z.preprocess(first, z.enum(['', ...GROUP_TYPES])).catch(''),
  /** '' is every state. Kafka's state names are open-ended (newer brokers add some), so any short word passes. */
  state: z.preprocess(first, z.string().regex(/^[A-Za-z]{0,40}$/)).catch(''),
  /** '' is every verdict. */
  verdict: z.preprocess(first, z.enum(['', ...VERDICTS])).catch(''),
  sort: z.preprocess(first, z.enum(GROUP_SORT_KEYS)).catch('groupId'),
  dir: z.preprocess(first, z.enum(['asc', 'desc'])).catch('asc'),
})
export type GroupSearch = z.infer<typeof GroupSearchSchema>
export type GroupSort = Pick<GroupSearch, 'sort' | 'dir'>

export const DEFAULT_GROUP_SEARCH: GroupSearch = {
  q: '',
  type: '',
  state: '',
  verdict: '',
  sort: 'groupId',
  dir: 'asc',
}

export function parseGroupSearch(params: URLSearchParams | Record<string, string | string[] | undefined>): GroupSearch {
  return GroupSearchSchema.parse(params instanceof URLSearchParams ? Object.fromEntries(params) : params)
}

/** The query string for a state, without defaults: the plain view has a plain URL. */
export function groupSearchToQuery(search: GroupSearch): string {
  const params = new URLSearchParams()
  if (search.q) params.set('q', search.q)
  if (search.type) params.set('type', search.type)
  if (search.state) params.set('state', search.state)
  if (search.verdict) params.set('verdict', search.verdict)
  if (search.sort !== DEFAULT_GROUP_SEARCH.sort || search.dir !== DEFAULT_GROUP_SEARCH.dir) {
    params.set('sort', search.sort)
    params.set('dir', search.dir)
  }
  return params.toString()
}

export function groupHref(clusterId: string, groupId: string): string {
  return `${clusterHref(clusterId, 'groups')}/${encodeURIComponent(groupId)}`
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' })

const TEXT_KEYS = new Set<GroupSortKey>(['groupId', 'type', 'state', 'verdict', 'topics'])

/** Names read best A→Z; numbers are most useful biggest-first. */
export function defaultDirection(key: GroupSortKey): SortDirection {
  return TEXT_KEYS.has(key) ? 'asc' : 'desc'
}

/** Clicking the sorted column flips it; clicking another sorts by it in its natural direction. */
export function nextSort(current: GroupSort, key: GroupSortKey): GroupSort {
  if (current.sort === key) return { sort: key, dir: current.dir === 'asc' ? 'desc' : 'asc' }
  return { sort: key, dir: defaultDirection(key) }
}

/** A group with its sort and search keys computed once per fetch, not once per comparison or keystroke. */
export type GroupTableRow = {
  group: GroupRow
  idLower: string
  typeLabel: string
  totalLag: bigint | null
  /** The topics A→Z, joined: sorting by it brings the groups reading the same topic together. */
  topicsKey: string | null
}

export function toGroupTableRows(groups: readonly GroupRow[]): GroupTableRow[] {
  return groups.map((group) => {
    const topics = [...group.topics].sort(collator.compare)
    return {
      group,
      idLower: group.groupId.toLowerCase(),
      typeLabel: groupTypeLabel(group),
      totalLag: parseBigInt(group.totalLag),
      topicsKey: topics.length > 0 ? topics.join('\u0000') : null,
    }
  })
}

type Comparable = number | bigint | string | null

function sortValue(row: GroupTableRow, key: Exclude<GroupSortKey, 'state'>): Comparable {
  switch (key) {
    case 'groupId':
      return row.group.groupId
    case 'type':
      return row.typeLabel
    case 'members':
      return row.group.members
    case 'topics':
      return row.topicsKey
    case 'totalLag':
      return row.totalLag
    case 'maxLagMs':
      return row.group.maxLagMs
    case 'verdict':
      return row.group.verdict === null ? null : VERDICTS.indexOf(row.group.verdict)
  }
}

function compareValues(a: Exclude<Comparable, null>, b: Exclude<Comparable, null>): number {
  if (typeof a === 'string' && typeof b === 'string') return collator.compare(a, b)
  return a < b ? -1 : a > b ? 1 : 0
}

/** A sorted copy. Unknown values (no lag, no topics) go last in both directions; ties keep group id order. */
export function sortGroupRows(rows: readonly GroupTableRow[], key: GroupSortKey, dir: SortDirection): GroupTableRow[] {
  const sign = dir === 'asc' ? 1 : -1
  return [...rows].sort((ra, rb) => {
    if (key === 'state') {
      const c = compareStates(ra.group.state, rb.group.state)
      if (c !== 0) return c * sign
    } else {
      const a = sortValue(ra, key)
      const b = sortValue(rb, key)
      if (a === null || b === null) {
        if (a !== b) return a === null ? 1 : -1
      } else {
        const c = compareValues(a, b)
        if (c !== 0) return c * sign
      }
    }
    return key === 'groupId' ? 0 : collator.compare(ra.group.groupId, rb.group.groupId)
  })
}

export type GroupFilter = Pick<GroupSearch, 'q' | 'type' | 'state' | 'verdict'>

/** Case-insensitive substring on the group id, plus exact type, state and verdict. Keeps the input order. */
export function filterGroupRows(
  rows: readonly GroupTableRow[],
  { q, type, state, verdict }: GroupFilter,
): GroupTableRow[] {
  const needle = q.trim().toLowerCase()
  if (!needle && !type && !state && !verdict) return rows as GroupTableRow[]
  return rows.filter(
    (r) =>
      (!type || r.group.type === type) &&
      (!state || r.group.state === state) &&
      (!verdict || r.group.verdict === verdict) &&
      (!needle || r.idLower.includes(needle)),
  )
}

export function isFiltered({ q, type, state, verdict }: GroupFilter): boolean {
  return q.trim() !== '' || type !== '' || state !== '' || verdict !== ''
}

export function verdictCounts(rows: readonly GroupTableRow[]): Map<LagVerdict, number> {
  const counts = new Map<LagVerdict, number>()
  for (const r of rows) if (r.group.verdict) counts.set(r.group.verdict, (counts.get(r.group.verdict) ?? 0) + 1)
  return counts
}

/** Every state present, in reading order, with its count; the selected one stays listed even at 0. */
export function stateOptions(rows: readonly GroupTableRow[], selected: string): { state: string; count: number }[] {
  const counts = new Map<string, number>()
  if (selected) counts.set(selected, 0)
  for (const r of rows) counts.set(r.group.state, (counts.get(r.group.state) ?? 0) + 1)
  return [...counts].map(([state, count]) => ({ state, count })).sort((a, b) => compareStates(a.state, b.state))
}

export function typeCounts(rows: readonly GroupTableRow[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const r of rows) counts.set(r.group.type, (counts.get(r.group.type) ?? 0) + 1)
  return counts
}

/** The first two topics and how many more: "orders, payments +3". */
export function summarizeTopics(topics: readonly string[], shown = 2): { head: string[]; more: number } {
  const sorted = [...topics].sort(collator.compare)
  return { head: sorted.slice(0, shown), more: Math.max(0, sorted.length - shown) }
}
