// Pure: which partitions a reset covers, checked against the topics that exist.
import { ApiError } from '@/lib/errors'
import type { ResetScope, ResetSkipped } from './types'

export type ScopedPartition = { topic: string; partition: number }

/** At most this many partitions per reset: bounds the preview, the commit request and the audit record. */
export const MAX_RESET_PARTITIONS = 10_000

/**
 * The partitions in scope, sorted. Named topics must exist and named partitions be theirs (else invalid_input naming
 * them); a topic without a partition list means all of its partitions, as `--topic t` does. `allCommittedTopics`
 * is every partition the group committed on, as `--all-topics` does; commits on topics deleted since are skipped.
 */
export function resolveScope(
  scope: ResetScope,
  committed: { topic: string; partition: number }[],
  partitionsOf: Map<string, number[]>,
): { partitions: ScopedPartition[]; skipped: ResetSkipped[] } {
  const seen = new Set<string>()
  const partitions: ScopedPartition[] = []
  const skipped: ResetSkipped[] = []
  const add = (topic: string, partition: number) => {
    const key = `${topic}\u0000${partition}`
    if (seen.has(key)) return
    seen.add(key)
    partitions.push({ topic, partition })
  }
  if ('allCommittedTopics' in scope) {
    for (const c of committed) {
      if (partitionsOf.get(c.topic)?.includes(c.partition)) add(c.topic, c.partition)
      else skipped.push({ topic: c.topic, partition: c.partition, reason: 'the topic or partition no longer exists' })
    }
  } else {
    const problems: string[] = []
    for (const { topic, partitions: named } of scope.topics) {
      const existing = partitionsOf.get(topic)
      if (!existing) {
        problems.push(`topic "${topic}" does not exist`)
        continue
      }
      const missing = (named ?? []).filter((p) => !existing.includes(p))
      if (missing.length > 0) {
        problems.push(`topic "${topic}" has no partition ${missing.join(', ')} (it has ${existing.length})`)
        continue
      }
      for (const p of named ?? existing) add(topic, p)
    }
    if (problems.length > 0) throw new ApiError('invalid_input', `Cannot reset: ${problems.join('; ')}`, { problems })
  }
  if (partitions.length > MAX_RESET_PARTITIONS)
    throw new ApiError(
      'invalid_input',
      `The reset covers ${partitions.length} partitions; at most ${MAX_RESET_PARTITIONS} per reset. Narrow the scope.`,
    )
  partitions.sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1))
  return { partitions, skipped }
}
