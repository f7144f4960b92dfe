// Pure filtering, sorting and URL state for the topic table, kept apart so they are unit-tested without a DOM.
import { z } from 'zod'
import { formatBytes, formatDuration, parseBigInt } from '@/lib/client/format'
import type { TopicSummary } from '@/lib/topics/types'

export const TOPIC_SORT_KEYS = [
  'name',
  'partitions',
  'replicationFactor',
  'underReplicated',
  'messages',
  'retention',
  'cleanupPolicy',
] as const
export type TopicSortKey = (typeof TOPIC_SORT_KEYS)[number]
export type SortDirection = 'asc' | 'desc'

/** `?a=1&a=2` arrives as an array from Next's searchParams: use the first. */
const first = (value: unknown) => (Array.isArray(value) ? value[0] : value)

/** The table's URL state. Every field falls back to its default, so a hand-edited URL degrades instead of failing. */
export const TopicSearchSchema = z.object({
  q: z.preprocess(first, z.string().max(256)).catch(''),
  internal: z
    .preprocess(
      first,
      z.enum(['1', 'true']).transform(() => true),
    )
    .catch(false),
  sort: z.preprocess(first, z.enum(TOPIC_SORT_KEYS)).catch('name'),
  dir: z.preprocess(first, z.enum(['asc', 'desc'])).catch('asc'),
})
export type TopicSearch = z.infer<typeof TopicSearchSchema>

export type TopicSort = Pick<TopicSearch, 'sort' | 'dir'>

export const DEFAULT_TOPIC_SEARCH: TopicSearch = { q: '', internal: false, sort: 'name', dir: 'asc' }

export function parseTopicSearch(params: URLSearchParams | Record<string, string | string[] | undefined>): TopicSearch {
  return TopicSearchSchema.parse(params instanceof URLSearchParams ? Object.fromEntries(params) : params)
}

/** The query string for a state, without defaults: the plain view has a plain URL. */
export function topicSearchToQuery(search: TopicSearch): string {
  const params = new URLSearchParams()
  if (search.q) params.set('q', search.q)
  if (search.internal) params.set('internal', '1')
  if (search.sort !== 'name' || search.dir !== 'asc') {
    params.set('sort', search.sort)
    params.set('dir', search.dir)
  }
  return params.toString()
}

/** Name and cleanup policy read best A→Z; numbers are most useful biggest-first. */
export function defaultDirection(key: TopicSortKey): SortDirection {
  return key === 'name' || key === 'cleanupPolicy' ? 'asc' : 'desc'
}

/** Clicking the sorted column flips it; clicking another sorts by it in its natural direction. */
export function nextSort(current: TopicSort, key: TopicSortKey): TopicSort {
  if (current.sort === key) return { sort: key, dir: current.dir === 'asc' ? 'desc' : 'asc' }
  return { sort: key, dir: defaultDirection(key) }
}

/** A topic with its sort and search keys computed once per fetch, not once per comparison or keystroke. */
export type TopicRow = {
  topic: TopicSummary
  nameLower: string
  messages: bigint | null
  /** Unlimited retention (-1) sorts above every finite value. */
  retention: bigint | null
}

const UNLIMITED = 1n << 64n

export function toTopicRows(topics: readonly TopicSummary[]): TopicRow[] {
  return topics.map((topic) => {
    const retention = parseBigInt(topic.retentionMs)
    return {
      topic,
      nameLower: topic.name.toLowerCase(),
      messages: parseBigInt(topic.messageCount),
      retention: retention !== null && retention < 0n ? UNLIMITED : retention,
    }
  })
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' })

type Comparable = number | bigint | string | null

function sortValue(row: TopicRow, key: TopicSortKey): Comparable {
  switch (key) {
    case 'name':
      return row.topic.name
    case 'partitions':
      return row.topic.partitions
    case 'replicationFactor':
      return row.topic.replicationFactor
    case 'underReplicated':
      return row.topic.underReplicatedPartitions + row.topic.offlinePartitions
    case 'messages':
      return row.messages
    case 'retention':
      return row.retention
    case 'cleanupPolicy':
      return row.topic.cleanupPolicy
  }
}

function compareValues(a: Exclude<Comparable, null>, b: Exclude<Comparable, null>): number {
  if (typeof a === 'string' && typeof b === 'string') return collator.compare(a, b)
  return a < b ? -1 : a > b ? 1 : 0
}

/** A sorted copy. Unknown values go last in both directions; ties keep name order. */
export function sortTopicRows(rows: readonly TopicRow[], key: TopicSortKey, dir: SortDirection): TopicRow[] {
  const sign = dir === 'asc' ? 1 : -1
  return [...rows].sort((ra, rb) => {
    const a = sortValue(ra, key)
    const b = sortValue(rb, key)
    if (a === null || b === null) {
      if (a !== b) return a === null ? 1 : -1
    } else {
      const c = compareValues(a, b)
      if (c !== 0) return c * sign
    }
    return key === 'name' ? 0 : collator.compare(ra.topic.name, rb.topic.name)
  })
}

/** Case-insensitive substring match on the name; internal topics only when asked for. Keeps the input order. */
export function filterTopicRows(rows: readonly TopicRow[], query: string, showInternal: boolean): TopicRow[] {
  const needle = query.trim().toLowerCase()
  if (!needle && showInternal) return rows as TopicRow[]
  return rows.filter((r) => (showInternal || !r.topic.internal) && (!needle || r.nameLower.includes(needle)))
}

/** "7 d", "∞", "7 d · 1 GiB": the time limit, plus the size limit when one is set. */
export function formatRetention(topic: Pick<TopicSummary, 'retentionMs' | 'retentionBytes'>): string {
  const time = formatDuration(topic.retentionMs)
  const bytes = parseBigInt(topic.retentionBytes)
  return bytes !== null && bytes >= 0n ? `${time} · ${formatBytes(bytes)}` : time
}
