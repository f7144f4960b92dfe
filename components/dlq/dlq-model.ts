// Pure: the dead-letter pages' URLs, chart rows and selection.

import { DEAD_LETTER_QUERY_FIELDS, deadLetterQueryParams } from '@/lib/client/dlq'
import type { DeadLetterQuery, DeadLetterRow, DlqHourBucket, DlqStatus, ReplaySelection } from '@/lib/dlq/api-types'
import type { DecodedMessage } from '@/lib/messages/types'
import { clusterHref, topicHref } from '@/lib/nav'

export const DLQ_STATUSES: readonly DlqStatus[] = ['pending', 'replayed', 'discarded']

/** The explorer lives under the dashboard; its filters are the URL's query (shareable, back button works). */
export function dlqExplorerHref(clusterId: string, query: DeadLetterQuery = {}): string {
  const q = explorerQueryToParams(query).toString()
  return `${clusterHref(clusterId, 'dlq')}/messages${q ? `?${q}` : ''}`
}

export const explorerQueryToParams = (query: DeadLetterQuery) => deadLetterQueryParams(query)

export function explorerQueryFromParams(q: URLSearchParams | Record<string, string | string[] | undefined>) {
  const get = (k: string) => {
    const v = q instanceof URLSearchParams ? q.get(k) : q[k]
    return (Array.isArray(v) ? v[0] : v) || undefined
  }
  const query: DeadLetterQuery = {}
  for (const f of DEAD_LETTER_QUERY_FIELDS) {
    const v = get(f)
    if (v === undefined) continue
    if (f === 'status') {
      if (DLQ_STATUSES.includes(v as DlqStatus)) query.status = v as DlqStatus
    } else query[f] = v
  }
  return query
}

/** The message explorer opened at one record (its permalink form: tab, seek to the offset, the record selected). */
export function sourceMessageHref(clusterId: string, topic: string, partition: number, offset: string): string {
  const q = new URLSearchParams({
    tab: 'messages',
    partitions: String(partition),
    from: 'offset',
    startOffset: offset,
    partition: String(partition),
    offset,
  })
  return `${topicHref(clusterId, topic)}?${q}`
}

export type TrendRange = '24h' | '7d'
export type TrendRow = { t: number; inflow: number; outflow: number; pending: number }

/** The hourly buckets of the range, oldest first (the server sends 7 days; 24 h is the last 24). */
export function trendRows(hourly: readonly DlqHourBucket[], range: TrendRange): TrendRow[] {
  const rows = hourly
    .map((b) => ({ t: Date.parse(b.hour), inflow: b.inflow, outflow: b.outflow, pending: b.pending }))
    .filter((r) => Number.isFinite(r.t))
    .sort((a, b) => a.t - b.t)
  return range === '24h' ? rows.slice(-24) : rows
}

/** Age of an ISO time relative to `now`, in ms (null when absent or unreadable). */
export function ageMs(iso: string | undefined, now: number): number | null {
  if (!iso) return null
  const t = Date.parse(iso)
  return Number.isFinite(t) ? Math.max(0, now - t) : null
}

export const rowKey = (r: Pick<DeadLetterRow, 'dlqTopic' | 'partition' | 'offset'>) =>
  `${r.dlqTopic}:${r.partition}:${r.offset}`

/** What the operator picked in the explorer. */
export type Picked = { kind: 'rows'; keys: ReadonlySet<string> } | { kind: 'matching' }

/** One DLQ topic's part of a selection, as a replay or discard request carries it. */
export type TopicSelection = {
  dlqTopic: string
  selection: ReplaySelection
  /** Known for picked records; for "all matching" the dry run tells. */
  count: number | null
}

/**
 * The selection as requests carry it: one per DLQ topic (a replay job reads one topic), in topic order. "All
 * matching" without a topic filter means the filter on each DLQ topic the dashboard knows (`dlqTopics`).
 */
export function selectionOf(
  picked: Picked,
  rows: readonly DeadLetterRow[],
  query: DeadLetterQuery,
  dlqTopics: readonly string[] = [],
): { targets: TopicSelection[]; count: number | null } | { error: string } {
  if (picked.kind === 'matching') {
    const topics = query.topic ? [query.topic] : [...dlqTopics].sort()
    if (topics.length === 0) return { error: 'No dead-letter topic is known yet.' }
    return {
      targets: topics.map((t) => ({
        dlqTopic: t,
        selection: { kind: 'filter', query: { ...query, topic: t } },
        count: null,
      })),
      count: null,
    }
  }
  const chosen = rows.filter((r) => picked.keys.has(rowKey(r)))
  if (chosen.length === 0) return { error: 'Select dead letters first.' }
  const byTopic = new Map<string, { partition: number; offset: string }[]>()
  for (const r of chosen) {
    let list = byTopic.get(r.dlqTopic)
    if (!list) {
      list = []
      byTopic.set(r.dlqTopic, list)
    }
    list.push({ partition: r.partition, offset: r.offset })
  }
  const targets = [...byTopic]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([dlqTopic, records]) => ({
      dlqTopic,
      selection: { kind: 'records' as const, records },
      count: records.length,
    }))
  return { targets, count: chosen.length }
}

/** Badge tone per status. */
export function statusTone(status: DlqStatus): 'warning' | 'success' | 'neutral' {
  return status === 'pending' ? 'warning' : status === 'replayed' ? 'success' : 'neutral'
}

/** The detail's `message` is the message explorer's DecodedMessage; anything else is shown raw. */
export function asDecodedMessage(message: unknown): DecodedMessage | null {
  const m = message as Partial<DecodedMessage> | null
  return m && typeof m === 'object' && typeof m.offset === 'string' && m.value && Array.isArray(m.headers)
    ? (m as DecodedMessage)
    : null
}

/** The value a single-record replay may edit: its text, and whether it was JSON (then the edit must stay JSON). */
export function editableValueOf(message: DecodedMessage | null): { value: string; isJson: boolean } | undefined {
  if (!message || message.value.format === 'null' || message.value.text === undefined) return undefined
  return { value: message.value.text, isJson: message.value.format === 'json' }
}

/** An ISO time as a `datetime-local` input's value (local time, minutes); '' when absent or unreadable. */
export function localInputOf(iso: string | undefined): string {
  const t = iso ? Date.parse(iso) : Number.NaN
  if (!Number.isFinite(t)) return ''
  const d = new Date(t)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** A `datetime-local` input's value (local time) as an ISO time; undefined when empty or unreadable. */
export function isoOfLocalInput(value: string): string | undefined {
  if (!value) return undefined
  const t = new Date(value).getTime()
  return Number.isFinite(t) ? new Date(t).toISOString() : undefined
}

/** Why a time range cannot be applied, or null. */
export function rangeProblem(from: string | undefined, to: string | undefined): string | null {
  if (from && to && Date.parse(from) > Date.parse(to)) return '"From" is after "to"'
  return null
}
