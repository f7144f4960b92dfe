import 'server-only'
import type { DeadLetterResolution } from '../api-types'
import { coordinatesOfResolutionKey, type ResolutionRecord } from '../resolutions/types'
import type { ReplayClient } from './replay-client'

/**
 * The latest resolution of every dead letter of one DLQ topic, keyed "partition:offset", read from the start of the
 * compacted resolutions topic (a tombstone puts a dead letter back to pending).
 */
export async function readResolutionsOf(
  client: ReplayClient,
  resolutionsTopic: string,
  dlqTopic: string,
): Promise<Map<string, DeadLetterResolution>> {
  const out = new Map<string, DeadLetterResolution>()
  const meta = await client.metadata([resolutionsTopic], true)
  const count = meta.topics.get(resolutionsTopic)?.partitionsCount ?? 0
  const partitions = Array.from({ length: count }, (_, p) => p)
  const marks = await client.watermarks(resolutionsTopic, partitions)
  const ranges = partitions.map((p) => ({
    partition: p,
    from: marks.get(p)?.low ?? 0n,
    until: marks.get(p)?.high ?? 0n,
  }))
  await client.read(resolutionsTopic, ranges, (_p, records, next) => {
    for (const { record } of records) {
      const c = record.key && coordinatesOfResolutionKey(record.key.toString('utf8'))
      if (!c || c.dlqTopic !== dlqTopic) continue
      const id = `${c.partition}:${c.offset}`
      if (!record.value) {
        out.delete(id)
        continue
      }
      try {
        const r = JSON.parse(record.value.toString('utf8')) as ResolutionRecord
        const { clusterId: _, ...resolution } = r
        out.set(id, resolution)
      } catch {
        // Not ours to judge: an unreadable resolution counts as none.
      }
    }
    return next
  })
  return out
}
