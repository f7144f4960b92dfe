import 'server-only'
import { ApiError } from '@/lib/errors'
import { decodeRecord } from '@/lib/messages/decode/decode-record'
import { buildFilter } from '@/lib/messages/filter/build-filter'
import type { DeadLetterPage, DeadLetterQuery, DeadLetterRow } from '../api-types'
import { type DlqIndex, freshDlqIndex } from '../index/dlq-index'
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
  const index = await freshDlqIndex(clusterId)
  const ctx = filterContextOf(index)
  const matches: Match[] = []
  forEachMatch(ctx, query, (m) => matches.push(m))
  const keys = matches.map(sortKeyOf)
  const order = keys.map((_, i) => i).sort((a, b) => compareNewestFirst(keys[a] as SortKey, keys[b] as SortKey))
  let start = 0
  if (after)
    while (start < order.length && compareNewestFirst(keys[order[start] as number] as SortKey, after) <= 0) start++
  if (!filter) {
    const page = order.slice(start, start + limit)
    const last = page[page.length - 1]
    return {
      rows: page.map((i) => rowOf(ctx, matches[i] as Match)),
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
      if (filter.matches(decodeRecord(m.p.partition, rec.batch, rec.record, {}, false))) rows.push(rowOf(ctx, m))
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
