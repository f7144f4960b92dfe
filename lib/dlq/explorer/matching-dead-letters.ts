import 'server-only'
import { ApiError } from '@/lib/errors'
import { buildFilter } from '@/lib/messages/filter/build-filter'
import type { DeadLetterQuery, DeadLetterRow } from '../api-types'
import { freshDlqIndex } from '../index/dlq-index'
import { forEachMatch, type Match, rowOf } from './filter-rows'
import {
  errorTextMaskingOf,
  fetchMatches,
  filterContextOf,
  fitsMaskedText,
  maskedForFilter,
  maskedRow,
} from './list-dead-letters'

/** With `cel`, a selection may have at most this many candidates (each is fetched and evaluated). */
export const MATCHING_CEL_MAX_CANDIDATES = 100_000

export type Coordinates = { partition: number; offset: string }

/**
 * Every dead letter of `dlqTopic` the query selects, by partition and offset (for replay and discard "all
 * matching"). From the index, caught up first (a longer budget: a selection should be complete); `cel` fetches and
 * evaluates the candidates, refused beyond MATCHING_CEL_MAX_CANDIDATES. Throws ApiError('conflict') while the index
 * has not caught up, so a selection is never silently partial.
 */
export async function matchingDeadLetters(
  clusterId: string,
  dlqTopic: string,
  query: DeadLetterQuery,
): Promise<Coordinates[]> {
  const filter = query.cel?.trim() ? buildFilter({ cel: query.cel }) : null
  const index = await freshDlqIndex(clusterId, 10_000)
  if (!index.topics.has(dlqTopic)) throw new ApiError('not_found', `"${dlqTopic}" is not a dead-letter topic here`)
  const topic = index.topics.get(dlqTopic)
  if (topic?.partitions.some((p) => p.next < p.high)) {
    throw new ApiError('conflict', `The dead-letter index of "${dlqTopic}" is still being built; try again shortly`)
  }
  const matches: Match[] = []
  const ctx = filterContextOf(index)
  // Text and error-type filters see the masked error text, as the list does: a selection reveals no more than it.
  const fits = fitsMaskedText(ctx, query, errorTextMaskingOf(clusterId))
  forEachMatch(ctx, { ...query, topic: dlqTopic }, (m) => {
    if (!fits || fits(m)) matches.push(m)
  })
  if (!filter) return matches.map((m) => ({ partition: m.p.partition, offset: String(m.p.columns.offset[m.i]) }))
  if (matches.length > MATCHING_CEL_MAX_CANDIDATES) {
    throw new ApiError(
      'invalid_input',
      `The CEL filter would have to read ${matches.length} dead letters (at most ${MATCHING_CEL_MAX_CANDIDATES}); narrow the selection with the other filters`,
    )
  }
  const out: Coordinates[] = []
  for (let k = 0; k < matches.length; k += 1_000) {
    const chunk = matches.slice(k, k + 1_000)
    const fetched = await fetchMatches(index, chunk)
    for (const m of chunk) {
      const offset = m.p.columns.offset[m.i] as number
      const rec = fetched.get(`${dlqTopic}\u0000${m.p.partition}\u0000${offset}`)
      if (rec && filter.matches(maskedForFilter(clusterId, dlqTopic, m.p.partition, rec)))
        out.push({ partition: m.p.partition, offset: String(offset) })
    }
  }
  return out
}

/** The rows of the given dead letters of `dlqTopic` (those the index has; unknown coordinates are left out). */
export async function deadLetterRowsByCoordinates(
  clusterId: string,
  dlqTopic: string,
  coords: Coordinates[],
): Promise<DeadLetterRow[]> {
  const index = await freshDlqIndex(clusterId)
  const t = index.topics.get(dlqTopic)
  if (!t) return []
  const ctx = filterContextOf(index)
  const masking = errorTextMaskingOf(clusterId)
  const rows: DeadLetterRow[] = []
  for (const c of coords) {
    const p = t.partitions.find((x) => x.partition === c.partition)
    const i = p ? p.columns.indexOf(Number(c.offset)) : -1
    if (!p || i < 0) continue
    const r = index.resolutions.resolutionOf(dlqTopic, c.partition, Number(c.offset))
    rows.push(maskedRow(rowOf(ctx, { t, p, i, r }), masking))
  }
  return rows
}
