import 'server-only'
import type { DeadLetterResolution } from '../api-types'
import { type PrepareContext, type PreparedRecord, prepareRecord, type RefusedRecord } from './prepare-record'
import { coordinateId, readDeadLetters } from './read-dead-letters'
import type { ReplayClient } from './replay-client'

export type ChunkItem = PreparedRecord | RefusedRecord | { kind: 'done'; from: { partition: number; offset: string } }

export type ChunkContext = Omit<PrepareContext, 'resolution' | 'partitionsOf'> & {
  resolutions: Map<string, DeadLetterResolution>
  /** Partition counts by topic (null: no such topic), filled as targets are met. */
  topics: Map<string, number | null>
}

/**
 * Reads and prepares one slice of the selection, in selection order. The dry run and the job both use this: a plan
 * shows what the job sends. Dead letters this job already replayed (a resumed run) come back as 'done'.
 */
export async function prepareChunk(
  client: ReplayClient,
  coords: { partition: number; offset: string }[],
  ctx: ChunkContext,
): Promise<ChunkItem[]> {
  const records = await readDeadLetters(client, ctx.dlqTopic, coords)
  // One context for the whole chunk, its `resolution` set per record (prepareRecord keeps no reference to it).
  const prepareCtx: PrepareContext = { ...ctx, resolution: undefined, partitionsOf: (t: string) => ctx.topics.get(t) }
  const one = (c: { partition: number; offset: string }): ChunkItem => {
    const id = coordinateId(c)
    const resolution = ctx.resolutions.get(id)
    if (resolution?.jobId === ctx.jobId && resolution.status === 'replayed') return { kind: 'done', from: c }
    const record = records.get(id)
    if (!record) return { kind: 'refused', from: c, reason: 'no longer in the DLQ topic (retention or compaction)' }
    prepareCtx.resolution = resolution
    return prepareRecord(record, prepareCtx)
  }
  const items = coords.map(one)
  const unknown = new Set<string>()
  for (const i of items) if (i.kind === 'refused' && i.unknownTopic) unknown.add(i.unknownTopic)
  if (unknown.size === 0) return items
  for (const topic of unknown) ctx.topics.set(topic, (await client.partitionsOf(topic)) ?? null)
  return items.map((item, i) => (item.kind === 'refused' && item.unknownTopic ? one(coords[i]!) : item))
}
