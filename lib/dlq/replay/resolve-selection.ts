import 'server-only'
import { matchingDeadLetters } from '@/lib/dlq/explorer/matching-dead-letters'
import type { ReplaySelection } from '../api-types'
import { sortCoordinates } from './job-types'

/**
 * The dead letters a selection names, sorted by partition then offset, without duplicates. A filter is resolved
 * once, now: "everything matching" means matching when the job starts.
 */
export async function resolveSelection(
  clusterId: string,
  dlqTopic: string,
  selection: ReplaySelection,
): Promise<{ partition: number; offset: string }[]> {
  if (selection.kind === 'records') {
    const unique = new Map(selection.records.map((r) => [`${r.partition}:${r.offset}`, r]))
    return sortCoordinates([...unique.values()])
  }
  const matching = await matchingDeadLetters(clusterId, dlqTopic, selection.query)
  return sortCoordinates(matching)
}
