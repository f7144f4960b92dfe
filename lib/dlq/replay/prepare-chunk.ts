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

/** A chunk's items, in selection order, and `release`: its fetched bytes may be reused (once all are sent). */
export type PreparedChunk = { items: ChunkItem[]; release: () => void }

/**
 * Reads and prepares one slice of the selection, in selection order. The dry run and the job both use this: a plan
 * shows what the job sends. Dead letters this job already replayed (a resumed run) come back as 'done'.
 */
export async function prepareChunk(
  client: ReplayClient,
  coords: { partition: number; offset: string }[],
  ctx: ChunkContext,
): Promise<PreparedChunk> {
  const table = await readDeadLetters(client, ctx.dlqTopic, coords)
  // One context for the whole chunk, its `resolution` set per record (prepareRecord keeps no reference to it).
  const prepareCtx: PrepareContext = { ...ctx, resolution: undefined, partitionsOf: (t: string) => ctx.topics.get(t) }
  const one = (c: { partition: number; offset: string }): ChunkItem => {
    // Most replays meet no resolution at all: no id string per record then.
    const resolution = ctx.resolutions.size === 0 ? undefined : ctx.resolutions.get(coordinateId(c))
    if (resolution?.jobId === ctx.jobId && resolution.status === 'replayed') return { kind: 'done', from: c }
    const row = table.rowOf(c.partition, c.offset)
    if (row === undefined) {
      return { kind: 'refused', from: c, reason: 'no longer in the DLQ topic (retention or compaction)' }
    }
    prepareCtx.resolution = resolution
    return prepareRecord(table.viewOf(row, c.offset), prepareCtx)
  }
  const items = coords.map(one)
  const release = () => table.release()
  const unknown = new Set<string>()
  for (const i of items) if (i.kind === 'refused' && i.unknownTopic) unknown.add(i.unknownTopic)
  if (unknown.size === 0) return { items, release }
  for (const topic of unknown) ctx.topics.set(topic, (await client.partitionsOf(topic)) ?? null)
  return {
    items: items.map((item, i) => (item.kind === 'refused' && item.unknownTopic ? one(coords[i]!) : item)),
    release,
  }
}
