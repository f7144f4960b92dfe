import 'server-only'
import { ApiError } from '@/lib/errors'
import { limitScan } from '@/lib/limits/scan-limits'
import { type Masker, maskerFor } from '@/lib/masking/apply-masking'
import { attachBytes, decodeRecord } from '@/lib/messages/decode/decode-record'
import { buildFilter } from '@/lib/messages/filter/build-filter'
import type { DeadLetterPage, DeadLetterQuery, DeadLetterRow } from '../api-types'
import { STYLES } from '../index/columns'
import { type DlqIndex, freshDlqIndex } from '../index/dlq-index'
import type { DeadLetterMetadata } from '../parse-error-metadata'
import { fetchRecordsAt } from './fetch-records-at'
import {
  compareNewestFirst,
  decodeCursor,
  encodeCursor,
  type FilterContext,
  forEachMatch,
  type Match,
  rowOf,
  type SortKey,
  sortKeyOf,
} from './filter-rows'
import { type ErrorText, maskErrorText } from './mask-error-text'

/** With `cel`: dead letters fetched and evaluated per request at most (newest first). */
export const CEL_MAX_EXAMINED = 20_000

export type DeadLetterListPage = DeadLetterPage & {
  /** With a CEL filter: how many candidates were fetched and evaluated, and whether the cap stopped it. */
  cel?: { examined: number; candidates: number; capped: boolean; errors: number }
}

export function filterContextOf(index: DlqIndex): FilterContext {
  return {
    topics: [...index.topics.values()],
    topicNames: index.dict.topics,
    errorTypes: index.dict.errorTypes,
    fingerprints: index.dict.fingerprints,
    groups: index.dict.groups,
    resolutionsOf: (topic, partition) => index.resolutions.byTopic.get(topic)?.get(partition),
  }
}

/**
 * The error type and message of a DLQ topic's dead letters as the current user may see them: the index's samples come
 * from headers (or the envelope) before masking, so a part whose carrier the topic's rules mask becomes "(masked)".
 * Call per request (the principal's exempt roles count); memoised per topic, style and text.
 */
export function errorTextMaskingOf(clusterId: string) {
  const maskers = new Map<string, Masker | null>()
  const memo = new Map<string, ErrorText>()
  return (topic: string, text: ErrorText, style?: DeadLetterMetadata['style']): ErrorText => {
    let masker = maskers.get(topic)
    if (masker === undefined) {
      masker = maskerFor(clusterId, topic)
      maskers.set(topic, masker)
    }
    if (!masker) return text
    const key = `${topic}\u0000${style ?? ''}\u0000${text.type ?? ''}\u0001${text.message ?? ''}`
    let out = memo.get(key)
    if (!out) {
      out = maskErrorText(text, masker, style)
      memo.set(key, out)
    }
    return out
  }
}

/** The row with its error text masked (see errorTextMaskingOf). */
export function maskedRow(row: DeadLetterRow, masking: ReturnType<typeof errorTextMaskingOf>): DeadLetterRow {
  const text = masking(row.dlqTopic, { type: row.error.type, message: row.error.message }, row.style)
  return text.type === row.error.type && text.message === row.error.message
    ? row
    : { ...row, error: { ...row.error, ...text } }
}

/**
 * Masked error text must not be found by the filters either (as in the message explorer: filters see what the user
 * sees). The index pre-selects on the unmasked samples; matches whose masked text no longer fits are dropped here.
 */
export function fitsMaskedText(
  ctx: FilterContext,
  query: DeadLetterQuery,
  masking: ReturnType<typeof errorTextMaskingOf>,
): ((m: Match) => boolean) | null {
  if (query.text === undefined && query.errorType === undefined) return null
  const needle = query.text?.toLowerCase()
  return (m) => {
    const group = ctx.groups[m.p.columns.fingerprint[m.i] as number]
    const style = STYLES[m.p.columns.style[m.i] as number]
    const text = masking(m.t.topic, { type: group?.type, message: group?.message }, style)
    if (query.errorType !== undefined && text.type !== query.errorType) return false
    return !needle || `${text.type ?? ''}\n${text.message ?? ''}`.toLowerCase().includes(needle)
  }
}

/** GET /dlq/messages: one page of matching dead letters, newest first, from the index (CEL: fetched and evaluated). */
export async function listDeadLetters(
  clusterId: string,
  query: DeadLetterQuery,
  limit: number,
  cursor?: string,
): Promise<DeadLetterListPage> {
  const filter = query.cel?.trim() ? buildFilter({ cel: query.cel }) : null // a bad expression fails first
  const after = cursor === undefined ? null : decodeCursor(cursor)
  if (cursor !== undefined && !after) throw new ApiError('invalid_input', 'Invalid cursor')
  // A CEL query reads records from the brokers: it counts against the user's scan budget and the cluster's slots.
  const release = filter ? await limitScan(clusterId, 'dlq-query') : null
  try {
    return await pageOf(clusterId, query, limit, filter, after)
  } finally {
    release?.()
  }
}

async function pageOf(
  clusterId: string,
  query: DeadLetterQuery,
  limit: number,
  filter: ReturnType<typeof buildFilter> | null,
  after: SortKey | null,
): Promise<DeadLetterListPage> {
  const index = await freshDlqIndex(clusterId)
  const ctx = filterContextOf(index)
  const masking = errorTextMaskingOf(clusterId)
  const fits = fitsMaskedText(ctx, query, masking)
  const matches: Match[] = []
  forEachMatch(ctx, query, (m) => {
    if (!fits || fits(m)) matches.push(m)
  })
  const keys = matches.map(sortKeyOf)
  const order = keys.map((_, i) => i).sort((a, b) => compareNewestFirst(keys[a] as SortKey, keys[b] as SortKey))
  let start = 0
  if (after)
    while (start < order.length && compareNewestFirst(keys[order[start] as number] as SortKey, after) <= 0) start++
  if (!filter) {
    const page = order.slice(start, start + limit)
    const last = page[page.length - 1]
    return {
      rows: page.map((i) => maskedRow(rowOf(ctx, matches[i] as Match), masking)),
      totalMatching: matches.length,
      nextCursor: start + limit < order.length && last !== undefined ? encodeCursor(keys[last] as SortKey) : undefined,
      indexing: index.progress(),
    }
  }
  // CEL: fetch candidates newest first in chunks, evaluate, until the page is full or the cap is reached.
  const rows: DeadLetterRow[] = []
  let examined = 0
  let pos = start
  let lastKey: SortKey | undefined
  while (rows.length < limit && pos < order.length && examined < CEL_MAX_EXAMINED) {
    const chunk = order.slice(pos, pos + Math.min(500, CEL_MAX_EXAMINED - examined))
    const fetched = await fetchMatches(
      index,
      chunk.map((i) => matches[i] as Match),
    )
    for (const i of chunk) {
      pos++
      examined++
      lastKey = keys[i]
      const m = matches[i] as Match
      const rec = fetched.get(`${m.t.topic}\u0000${m.p.partition}\u0000${m.p.columns.offset[m.i]}`)
      if (!rec) continue
      if (filter.matches(maskedForFilter(clusterId, m.t.topic, m.p.partition, rec)))
        rows.push(maskedRow(rowOf(ctx, m), masking))
      if (rows.length >= limit) break
    }
  }
  return {
    rows,
    totalMatching: rows.length,
    nextCursor: pos < order.length && lastKey ? encodeCursor(lastKey) : undefined,
    indexing: index.progress(),
    cel: {
      examined,
      candidates: order.length - start,
      capped: examined >= CEL_MAX_EXAMINED && pos < order.length,
      errors: filter.errors,
    },
  }
}

/** The records of the matches, fetched per partition. Keyed topic\0partition\0offset. */
export async function fetchMatches(index: DlqIndex, list: Match[]) {
  const byPartition = new Map<string, { topic: string; partition: number; offsets: number[] }>()
  for (const m of list) {
    const k = `${m.t.topic}\u0000${m.p.partition}`
    let e = byPartition.get(k)
    if (!e) {
      e = { topic: m.t.topic, partition: m.p.partition, offsets: [] }
      byPartition.set(k, e)
    }
    e.offsets.push(m.p.columns.offset[m.i] as number)
  }
  const out = new Map<string, Awaited<ReturnType<typeof fetchRecordsAt>> extends Map<number, infer R> ? R : never>()
  await Promise.all(
    [...byPartition.values()].map(async (e) => {
      const got = await fetchRecordsAt(index, e.topic, e.partition, e.offsets)
      for (const [offset, r] of got) out.set(`${e.topic}\u0000${e.partition}\u0000${offset}`, r)
    }),
  )
  return out
}

/**
 * The record as the user may see it, for a CEL filter: masked fields must not be findable by filtering on them (as
 * in the message explorer). Looked up per call: the masker depends on the request principal.
 */
export function maskedForFilter(
  clusterId: string,
  topic: string,
  partition: number,
  rec: { batch: Parameters<typeof decodeRecord>[1]; record: Parameters<typeof decodeRecord>[2] },
) {
  const decoded = decodeRecord(partition, rec.batch, rec.record, {}, false)
  const masker = maskerFor(clusterId, topic)
  return masker ? masker(attachBytes(decoded, rec.record)) : decoded
}
