// Pure: which indexed dead letters a DeadLetterQuery selects (everything but `cel`), read off the columns.
import type { DeadLetterQuery, DeadLetterResolution, DeadLetterRow, DlqStatus } from '../api-types'
import { type DeadLetterColumns, type Interner, STYLES } from '../index/columns'
import { timeOf } from './query-schema'

export type FilterTopic = {
  topic: string
  sourceTopic?: string
  partitions: { partition: number; columns: DeadLetterColumns }[]
}
export type FilterResolution = DeadLetterResolution & { atMs: number }
export type FilterContext = {
  topics: FilterTopic[]
  topicNames: Interner
  errorTypes: Interner
  fingerprints: Interner
  groups: { type?: string; message?: string }[]
  resolutionsOf: (topic: string, partition: number) => Map<number, FilterResolution> | undefined
}

/** One selected dead letter: the topic and partition entry and the position in its columns. */
export type Match = { t: FilterTopic; p: FilterTopic['partitions'][number]; i: number; r?: FilterResolution }

/** Calls `fn` for every indexed dead letter the query selects (topic by topic, partition by partition, by offset). */
export function forEachMatch(ctx: FilterContext, query: DeadLetterQuery, fn: (m: Match) => void): void {
  const sourceId = query.sourceTopic === undefined ? undefined : ctx.topicNames.find(query.sourceTopic)
  const errorTypeId = query.errorType === undefined ? undefined : ctx.errorTypes.find(query.errorType)
  const fingerprintId = query.fingerprint === undefined ? undefined : ctx.fingerprints.find(query.fingerprint)
  if (errorTypeId === -1 || fingerprintId === -1) return
  const from = query.from === undefined ? Number.NEGATIVE_INFINITY : timeOf(query.from)
  const to = query.to === undefined ? Number.POSITIVE_INFINITY : timeOf(query.to)
  const textMask = query.text ? textMaskOf(ctx, query.text.toLowerCase()) : null
  const status: DlqStatus | undefined = query.status
  for (const t of ctx.topics) {
    if (query.topic !== undefined && t.topic !== query.topic) continue
    // Records without a source header belong to the source the DLQ's name gives.
    const nameSourceMatches = query.sourceTopic !== undefined && t.sourceTopic === query.sourceTopic
    if (sourceId === -1 && !nameSourceMatches) continue
    for (const p of t.partitions) {
      const c = p.columns
      const resolved = ctx.resolutionsOf(t.topic, p.partition)
      for (let i = 0; i < c.length; i++) {
        if (sourceId !== undefined) {
          const s = c.sourceTopic[i] as number
          if (s >= 0 ? s !== sourceId : !nameSourceMatches) continue
        }
        if (errorTypeId !== undefined && c.errorType[i] !== errorTypeId) continue
        if (fingerprintId !== undefined && c.fingerprint[i] !== fingerprintId) continue
        if (textMask && !textMask[c.fingerprint[i] as number]) continue
        const ts = c.timestamp[i] as number
        if (ts < from || ts > to) continue
        const r = resolved?.get(c.offset[i] as number)
        if (status !== undefined && (r?.status ?? 'pending') !== status) continue
        fn({ t, p, i, r })
      }
    }
  }
}

/** Per fingerprint id: whether the free text is in its error type or sample message (case-insensitive). */
function textMaskOf(ctx: FilterContext, needle: string): Uint8Array {
  const mask = new Uint8Array(ctx.fingerprints.values.length)
  ctx.groups.forEach((g, id) => {
    if (`${g?.type ?? ''}\n${g?.message ?? ''}`.toLowerCase().includes(needle)) mask[id] = 1
  })
  return mask
}

/** Newest first: by timestamp, then offset, then partition, then topic (all descending). */
export function compareNewestFirst(a: SortKey, b: SortKey): number {
  return (
    b.ts - a.ts ||
    b.offset - a.offset ||
    b.partition - a.partition ||
    (a.topic < b.topic ? 1 : a.topic > b.topic ? -1 : 0)
  )
}
export type SortKey = { ts: number; offset: number; partition: number; topic: string }

export function sortKeyOf(m: Match): SortKey {
  return {
    ts: m.p.columns.timestamp[m.i] as number,
    offset: m.p.columns.offset[m.i] as number,
    partition: m.p.partition,
    topic: m.t.topic,
  }
}

/** An opaque keyset cursor: the last row's sort key. */
export function encodeCursor(k: SortKey): string {
  return Buffer.from(JSON.stringify([k.ts, k.offset, k.partition, k.topic])).toString('base64url')
}

export function decodeCursor(cursor: string): SortKey | null {
  try {
    const [ts, offset, partition, topic] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[]
    if (typeof ts !== 'number' || typeof offset !== 'number' || typeof partition !== 'number') return null
    if (typeof topic !== 'string') return null
    return { ts, offset, partition, topic }
  } catch {
    return null
  }
}

export function rowOf(ctx: FilterContext, m: Match): DeadLetterRow {
  const c = m.p.columns
  const i = m.i
  const fp = c.fingerprint[i] as number
  const sourceId = c.sourceTopic[i] as number
  const sourcePartition = c.sourcePartition[i] as number
  const sourceOffset = c.sourceOffset[i] as number
  const attempts = c.attempts[i] as number
  const group = ctx.groups[fp]
  const { atMs: _atMs, ...resolution } = m.r ?? { atMs: 0 }
  const ownCount = c.replayCount[i] as number
  return {
    dlqTopic: m.t.topic,
    partition: m.p.partition,
    offset: String(c.offset[i]),
    timestamp: new Date(c.timestamp[i] as number).toISOString(),
    status: m.r?.status ?? 'pending',
    resolution: m.r ? (resolution as DeadLetterResolution) : undefined,
    style: STYLES[c.style[i] as number] ?? 'unknown',
    source: {
      topic: ctx.topicNames.valueOf(sourceId) ?? m.t.sourceTopic,
      partition: sourcePartition >= 0 ? sourcePartition : undefined,
      offset: sourceOffset >= 0 ? String(sourceOffset) : undefined,
    },
    error: { type: group?.type, message: group?.message, fingerprint: ctx.fingerprints.valueOf(fp) as string },
    attempts: attempts >= 0 ? attempts : undefined,
    replayCount: Math.max(ownCount, m.r?.replayCount ?? 0),
  }
}
