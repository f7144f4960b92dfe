// Pure: what one dead letter becomes when replayed (target, partition, key, value, headers), or why it is refused.
// The dry run and the job both call this, so a plan shows exactly what the job sends.
import type { DeadLetterResolution, ReplayOptions } from '../api-types'
import { isDeadLetterHeaderKey, parseErrorMetadata, type RawHeader } from '../parse-error-metadata'
import { REPLAY_HEADERS } from '../resolutions/types'
import { murmur2Partition } from './murmur2'

/** A dead letter as read from the DLQ (raw bytes). */
export type DeadLetterRecord = {
  partition: number
  offset: string
  key: Buffer | null
  value: Buffer | null
  headers: [Buffer | null, Buffer | null][]
}

export type PrepareContext = {
  jobId: string
  dlqTopic: string
  by: string
  /** ISO time written in the provenance header. */
  at: string
  options: ReplayOptions
  maxReplays: number
  /** True for a 'records' selection: an already resolved record may be replayed again (the loop guard still applies). */
  explicit: boolean
  resolution?: DeadLetterResolution
  /** The DLQ topic's source topic by its name, when the record's headers do not say. */
  sourceByName?: string
  /** Partition count of a topic, null when it does not exist, undefined when not looked up yet. */
  partitionsOf: (topic: string) => number | null | undefined
}

export type PreparedRecord = {
  kind: 'send'
  from: { partition: number; offset: string }
  topic: string
  /** null: no key and key partitioning; the runner spreads those round-robin. */
  partition: number | null
  key: Buffer | null
  value: Buffer | null
  headers: [string, Buffer][]
  replayCount: number
}
export type RefusedRecord = {
  kind: 'refused'
  from: { partition: number; offset: string }
  reason: string
  /** Set when the target's partition count was not known yet (the caller looks it up and prepares again). */
  unknownTopic?: string
}

const PROVENANCE = new Set<string>(Object.values(REPLAY_HEADERS))

export function prepareRecord(record: DeadLetterRecord, ctx: PrepareContext): PreparedRecord | RefusedRecord {
  const from = { partition: record.partition, offset: record.offset }
  const refuse = (reason: string): RefusedRecord => ({ kind: 'refused', from, reason })
  const raw: RawHeader[] = record.headers.map(([k, v]) => ({ key: k?.toString('utf8') ?? '', value: v }))
  // Spring and Connect headers say everything: the value is parsed only for envelopes and edits (it is the cost).
  const headerStyle = raw.some((h) => h.key.startsWith('kafka_dlt-') || h.key.startsWith('__connect.errors.'))
  const originalJson =
    !headerStyle || ctx.options.editedValue !== undefined ? jsonOf(record.value) : ({ ok: false } as const)
  const metadata = parseErrorMetadata(
    raw,
    headerStyle ? undefined : originalJson.ok ? originalJson.value : record.value?.toString('utf8'),
  )

  if (!ctx.explicit && ctx.resolution) return refuse(`already ${ctx.resolution.status} (skipped)`)
  const replayCount = Math.max(headerCount(raw), ctx.resolution?.replayCount ?? 0)
  if (replayCount >= ctx.maxReplays) {
    return refuse(`loop guard: already replayed ${replayCount} times (limit ${ctx.maxReplays})`)
  }
  const topic = ctx.options.targetTopic ?? metadata.source.topic ?? ctx.sourceByName
  if (!topic) return refuse('source topic unknown: choose a target topic')
  const partitions = ctx.partitionsOf(topic)
  if (partitions === undefined) return { ...refuse('target topic not looked up'), unknownTopic: topic }
  if (partitions === null) return refuse(`target topic "${topic}" does not exist`)

  let value = record.value
  if (ctx.options.editedValue !== undefined) {
    if (originalJson.ok && !jsonOf(Buffer.from(ctx.options.editedValue)).ok) {
      return refuse('the edited value is not valid JSON (the original was JSON)')
    }
    value = Buffer.from(ctx.options.editedValue, 'utf8')
  }
  const key = ctx.options.keepKey === false ? null : record.key
  const original = metadata.source.partition
  let partition: number | null
  if (ctx.options.partitioning !== 'key' && original !== undefined && original >= 0 && original < partitions) {
    partition = original
  } else {
    partition = key && key.length > 0 ? murmur2Partition(key, partitions) : null
  }

  const strip = ctx.options.stripErrorHeaders !== false
  const headers: [string, Buffer][] = []
  for (const h of raw) {
    if (PROVENANCE.has(h.key) || (strip && isDeadLetterHeaderKey(h.key))) continue
    headers.push([h.key, Buffer.from(h.value ?? [])])
  }
  const add = (k: string, v: string | number) => headers.push([k, Buffer.from(String(v), 'utf8')])
  add(REPLAY_HEADERS.id, ctx.jobId)
  add(REPLAY_HEADERS.dlqTopic, ctx.dlqTopic)
  add(REPLAY_HEADERS.dlqPartition, record.partition)
  add(REPLAY_HEADERS.dlqOffset, record.offset)
  add(REPLAY_HEADERS.at, ctx.at)
  add(REPLAY_HEADERS.by, ctx.by)
  add(REPLAY_HEADERS.count, replayCount + 1)
  return { kind: 'send', from, topic, partition, key, value, headers, replayCount: replayCount + 1 }
}

/** The record's own ferry-replay-count (the last one, as a decimal text), 0 when absent or unreadable. */
function headerCount(headers: RawHeader[]): number {
  let count = 0
  for (const h of headers) {
    if (h.key !== REPLAY_HEADERS.count || !h.value) continue
    const n = Number(Buffer.from(h.value).toString('utf8'))
    if (Number.isInteger(n) && n >= 0) count = n
  }
  return count
}

function jsonOf(bytes: Buffer | null): { ok: true; value: unknown } | { ok: false } {
  if (!bytes || bytes.length === 0) return { ok: false }
  const first = bytes[0]
  // Only objects and arrays count as "a JSON payload": a bare number or word is just text.
  if (first !== 0x7b && first !== 0x5b && first !== 0x20 && first !== 0x0a) return { ok: false }
  try {
    return { ok: true, value: JSON.parse(bytes.toString('utf8')) }
  } catch {
    return { ok: false }
  }
}

/** Header value of a prepared or replayed record by key (last wins). */
export function headerText(headers: readonly [string, Buffer][], key: string): string | undefined {
  let found: string | undefined
  for (const [k, v] of headers) if (k === key) found = v.toString('utf8')
  return found
}
