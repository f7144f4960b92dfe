// Pure: what one dead letter becomes when replayed (target, partition, key, value, headers), or why it is refused.
// The dry run and the job both call this, so a plan shows exactly what the job sends.

import { isUtf8 } from 'node:buffer'
import type { DeadLetterResolution, ReplayOptions } from '../api-types'
import { readInteger, readText } from '../header-values'
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
const SPRING = 'kafka_dlt-'
const CONNECT = '__connect.errors.'
const EMPTY = Buffer.alloc(0)

/**
 * The header views of the record being prepared, reused from record to record (prepareRecord is synchronous and
 * keeps none of them): a replay prepares ~10 per dead letter.
 */
const rawPool: RawHeader[] = []

export function prepareRecord(record: DeadLetterRecord, ctx: PrepareContext): PreparedRecord | RefusedRecord {
  const from = { partition: record.partition, offset: record.offset }
  const raw: RawHeader[] = new Array(record.headers.length)
  let springAt = -1
  let connectAt = -1
  for (let i = 0; i < raw.length; i++) {
    const [k, v] = record.headers[i]!
    const key = k ? headerKeyText(k, i) : ''
    let h = rawPool[i]
    if (!h) {
      h = { key: '', value: null }
      rawPool[i] = h
    }
    h.key = key
    h.value = v
    raw[i] = h
    if (key.startsWith(SPRING)) springAt = i
    else if (key.startsWith(CONNECT)) connectAt = i
  }
  // Spring and Connect headers say everything: only where the record came from is needed, read exactly as
  // parseErrorMetadata reads it (see headerSourceOf). The value is parsed only for envelopes and edits.
  const headerStyle = springAt >= 0 || connectAt >= 0
  const originalJson =
    !headerStyle || ctx.options.editedValue !== undefined ? jsonOf(record.value) : ({ ok: false } as const)
  const source = headerStyle
    ? headerSourceOf(raw, springAt > connectAt ? 'spring' : 'connect')
    : parseErrorMetadata(raw, originalJson.ok ? originalJson.value : record.value?.toString('utf8')).source

  if (!ctx.explicit && ctx.resolution) return refused(from, `already ${ctx.resolution.status} (skipped)`)
  const replayCount = Math.max(headerCount(raw), ctx.resolution?.replayCount ?? 0)
  if (replayCount >= ctx.maxReplays) {
    return refused(from, `loop guard: already replayed ${replayCount} times (limit ${ctx.maxReplays})`)
  }
  const topic = ctx.options.targetTopic ?? source.topic ?? ctx.sourceByName
  if (!topic) return refused(from, 'source topic unknown: choose a target topic')
  const partitions = ctx.partitionsOf(topic)
  if (partitions === undefined) return { ...refused(from, 'target topic not looked up'), unknownTopic: topic }
  if (partitions === null) return refused(from, `target topic "${topic}" does not exist`)

  let value = record.value
  if (ctx.options.editedValue !== undefined) {
    if (originalJson.ok && !jsonOf(Buffer.from(ctx.options.editedValue)).ok) {
      return refused(from, 'the edited value is not valid JSON (the original was JSON)')
    }
    value = Buffer.from(ctx.options.editedValue, 'utf8')
  }
  const key = ctx.options.keepKey === false ? null : record.key
  const original = source.partition
  let partition: number | null
  if (ctx.options.partitioning !== 'key' && original !== undefined && original >= 0 && original < partitions) {
    partition = original
  } else {
    partition = key && key.length > 0 ? murmur2Partition(key, partitions) : null
  }

  // The fetched bytes go out as they are (no copies); the provenance values shared by the whole job are encoded once.
  const strip = ctx.options.stripErrorHeaders !== false
  const headers: [string, Buffer][] = []
  for (let i = 0; i < raw.length; i++) {
    const k = raw[i]!.key
    if (PROVENANCE.has(k) || (strip && isDeadLetterHeaderKey(k))) continue
    headers.push([k, record.headers[i]![1] ?? EMPTY])
  }
  headers.push(
    [REPLAY_HEADERS.id, shared(ctx.jobId)],
    [REPLAY_HEADERS.dlqTopic, shared(ctx.dlqTopic)],
    [REPLAY_HEADERS.dlqPartition, Buffer.from(String(record.partition), 'utf8')],
    [REPLAY_HEADERS.dlqOffset, Buffer.from(record.offset, 'utf8')],
    [REPLAY_HEADERS.at, shared(ctx.at)],
    [REPLAY_HEADERS.by, shared(ctx.by)],
    [REPLAY_HEADERS.count, Buffer.from(String(replayCount + 1), 'utf8')],
  )
  return { kind: 'send', from, topic, partition, key, value, headers, replayCount: replayCount + 1 }
}

// Module-level helpers, not closures: this runs for every record replayed.
function refused(from: { partition: number; offset: string }, reason: string): RefusedRecord {
  return { kind: 'refused', from, reason }
}

/**
 * Where a Spring- or Connect-style dead letter came from: the same reads as parseErrorMetadata's parseSpring and
 * parseConnect (first original-* header for Spring, last errors.* header for Connect), without parsing the rest
 * (error text, stack trace, fingerprint) that a replay does not need. prepare-record.test.ts checks they agree.
 */
export function headerSourceOf(
  headers: readonly RawHeader[],
  style: 'spring' | 'connect',
): { topic?: string; partition?: number } {
  const spring = style === 'spring'
  const topicKey = spring ? `${SPRING}original-topic` : `${CONNECT}topic`
  const partitionKey = spring ? `${SPRING}original-partition` : `${CONNECT}partition`
  const out: { topic?: string; partition?: number } = {}
  const topicBytes = pickHeader(headers, topicKey, spring)
  if (topicBytes) {
    const text = textOf(topicKey, topicBytes)
    if (text !== '') out.topic = text
  }
  const partitionBytes = pickHeader(headers, partitionKey, spring)
  if (partitionBytes) {
    const read = readInteger(partitionKey, partitionBytes, !spring)
    if ('value' in read) {
      const n = Number(read.value)
      if (n >= 0 && n <= 2 ** 31 - 1) out.partition = n
    }
  }
  return out
}

/** readText's value: valid UTF-8 without a BOM (which TextDecoder drops) decodes the same natively, faster. */
function textOf(key: string, bytes: Uint8Array): string {
  const b = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (isUtf8(b) && !(b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf)) return b.toString('utf8')
  return readText(key, bytes).value
}

/** A header's value: the first with that key or the last; undefined when absent. */
function pickHeader(headers: readonly RawHeader[], key: string, first: boolean): Uint8Array | null | undefined {
  let found: RawHeader | undefined
  for (const h of headers) {
    if (h.key !== key) continue
    found = h
    if (first) break
  }
  return found === undefined ? undefined : found.value
}

/**
 * A header key as text. Dead letters of one DLQ carry the same keys in the same order, so the key last seen at this
 * index is compared byte by byte (cheaper than decoding) and its text reused.
 */
const lastKeys: { bytes: Buffer; text: string }[] = []
function headerKeyText(bytes: Buffer, index: number): string {
  const last = lastKeys[index]
  if (last && last.bytes.length === bytes.length) {
    let i = 0
    while (i < bytes.length && last.bytes[i] === bytes[i]) i++
    if (i === bytes.length) return last.text
  }
  const text = bytes.toString('utf8')
  // A copy: the fetched bytes belong to a response buffer that would otherwise stay alive.
  if (index < 64) lastKeys[index] = { bytes: Buffer.from(bytes), text }
  return text
}

/** Header values every record of a job carries (job id, DLQ topic, time, author), encoded once. */
const sharedValues = new Map<string, Buffer>()
function shared(text: string): Buffer {
  let b = sharedValues.get(text)
  if (!b) {
    if (sharedValues.size > 256) sharedValues.clear()
    b = Buffer.from(text, 'utf8')
    sharedValues.set(text, b)
  }
  return b
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
