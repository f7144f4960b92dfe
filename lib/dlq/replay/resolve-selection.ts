import 'server-only'
import { matchingDeadLetters } from '@/lib/dlq/explorer/matching-dead-letters'
import type { ReplaySelection } from '../api-types'
import { compareOffsets, sortCoordinates } from './job-types'

/**
 * The dead letters a selection names, sorted by partition then offset, without duplicates. A filter is resolved
 * once, now: "everything matching" means matching when the job starts.
 */
export async function resolveSelection(
  clusterId: string,
  dlqTopic: string,
  selection: ReplaySelection,
): Promise<{ partition: number; offset: string }[]> {
  if (selection.kind === 'records') return withoutDuplicates(sortCoordinates(selection.records))
  const matching = await matchingDeadLetters(clusterId, dlqTopic, selection.query)
  return sortCoordinates(matching)
}

/** Sorted coordinates without repeats (neighbours once sorted). */
function withoutDuplicates<C extends { partition: number; offset: string }>(sorted: C[]): C[] {
  return sorted.filter(
    (c, i) =>
      i === 0 || c.partition !== sorted[i - 1]!.partition || compareOffsets(c.offset, sorted[i - 1]!.offset) !== 0,
  )
}
