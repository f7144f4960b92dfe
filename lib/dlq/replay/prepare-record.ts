// Pure: what one dead letter becomes when replayed (target, partition, key, value, headers), or why it is refused.
// The dry run and the job both call this, so a plan shows exactly what the job sends.

import { isUtf8 } from 'node:buffer'
import type { DeadLetterResolution, ReplayOptions } from '../api-types'
import { readInteger, readText } from '../header-values'
import { isDeadLetterHeaderKey, parseErrorMetadata, type RawHeader } from '../parse-error-metadata'
import { type DeadLetterSource, deadLetterOf } from '../raw/dead-letter-source'
import { REPLAY_HEADERS } from '../resolutions/types'
import { murmur2Partition } from './murmur2'

/** A dead letter given as buffers (tests; the job reads them into a DeadLetterTable instead). */
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

/** The provenance values every record of a job carries, encoded once. */
export type SharedProvenance = { id: Buffer; dlqTopic: Buffer; at: Buffer; by: Buffer }

/**
 * A dead letter ready to be sent: the decisions (target, partition, which of its headers are kept, provenance), with
 * its bytes left where they were fetched. The batch encoder copies them from there; `key`, `value` and `headers`
 * build the record as objects (dry-run samples, tests).
 */
export class PreparedRecord {
  readonly kind = 'send' as const
  constructor(
    readonly from: { partition: number; offset: string },
    readonly topic: string,
    /** null: no key and key partitioning; the runner spreads those round-robin. */
    public partition: number | null,
    readonly replayCount: number,
    readonly source: DeadLetterSource,
    readonly keepKey: boolean,
    readonly editedValue: Buffer | undefined,
    /** The source headers kept: a bit mask of the first 31, or their indexes when there are more. */
    readonly kept: number | number[],
    readonly provenance: SharedProvenance,
  ) {}

  keeps(i: number): boolean {
    return typeof this.kept === 'number' ? (this.kept & (1 << i)) !== 0 : this.kept.includes(i)
  }

  /** The encoded size, roughly (for request limits; the encoder computes the exact one). */
  approxBytes(): number {
    const src = this.source
    let size = 24 + PROVENANCE_BYTES + Math.max(0, this.keepKey ? src.keyLength() : 0)
    size += this.editedValue ? this.editedValue.length : Math.max(0, src.valueLength())
    const p = this.provenance
    size += p.id.length + p.dlqTopic.length + p.at.length + p.by.length + this.from.offset.length + 16
    for (let i = 0; i < src.headerCount; i++) {
      if (this.keeps(i)) size += src.headerKeyLength(i) + Math.max(0, src.headerValueLength(i)) + 8
    }
    return size
  }

  /** The per-record provenance values as ASCII text: the DLQ partition and the replay count (the offset is `from`'s). */
  get partitionText(): string {
    return numberText(this.from.partition)
  }
  get countText(): string {
    return numberText(this.replayCount)
  }

  get key(): Buffer | null {
    return this.keepKey ? this.source.key() : null
  }

  get value(): Buffer | null {
    return this.editedValue ?? this.source.value()
  }

  get headers(): [string, Buffer][] {
    const out: [string, Buffer][] = []
    for (let i = 0; i < this.source.headerCount; i++) {
      if (this.keeps(i)) out.push([this.source.headerKey(i), this.source.headerValue(i) ?? EMPTY])
    }
    const p = this.provenance
    out.push(
      [REPLAY_HEADERS.id, p.id],
      [REPLAY_HEADERS.dlqTopic, p.dlqTopic],
      [REPLAY_HEADERS.dlqPartition, Buffer.from(this.partitionText, 'latin1')],
      [REPLAY_HEADERS.dlqOffset, Buffer.from(this.from.offset, 'latin1')],
      [REPLAY_HEADERS.at, p.at],
      [REPLAY_HEADERS.by, p.by],
      [REPLAY_HEADERS.count, Buffer.from(this.countText, 'latin1')],
    )
    return out
  }
}

export type RefusedRecord = {
  kind: 'refused'
  from: { partition: number; offset: string }
  reason: string
  /** Set when the target's partition count was not known yet (the caller looks it up and prepares again). */
  unknownTopic?: string
}

/** The provenance header names, in the order they are written. */
export const PROVENANCE_ORDER = [
  REPLAY_HEADERS.id,
  REPLAY_HEADERS.dlqTopic,
  REPLAY_HEADERS.dlqPartition,
  REPLAY_HEADERS.dlqOffset,
  REPLAY_HEADERS.at,
  REPLAY_HEADERS.by,
  REPLAY_HEADERS.count,
] as const

const PROVENANCE = new Set<string>(Object.values(REPLAY_HEADERS))
/** The provenance header names' bytes plus their length prefixes. */
const PROVENANCE_BYTES = PROVENANCE_ORDER.reduce((n, k) => n + k.length + 2, 0)
const SPRING = 'kafka_dlt-'
const CONNECT = '__connect.errors.'
const EMPTY = Buffer.alloc(0)
const SPRING_TOPIC = `${SPRING}original-topic`
const SPRING_PARTITION = `${SPRING}original-partition`
const CONNECT_TOPIC = `${CONNECT}topic`
const CONNECT_PARTITION = `${CONNECT}partition`

/** Header access by index: a DeadLetterSource, or a RawHeader list (headerSourceOf). */
type HeaderAccess = {
  readonly headerCount: number
  headerKey(i: number): string
  headerValue(i: number): Uint8Array | null
}

/** Whether a header of that name is kept on the copy (by name: the same few names repeat on every record). */
const keptByName = [new Map<string, boolean>(), new Map<string, boolean>()]
function keepsHeader(name: string, strip: boolean): boolean {
  const cache = keptByName[strip ? 1 : 0]!
  let keep = cache.get(name)
  if (keep === undefined) {
    keep = !(PROVENANCE.has(name) || (strip && isDeadLetterHeaderKey(name)))
    if (cache.size > 4096) cache.clear()
    cache.set(name, keep)
  }
  return keep
}

let lastProvenance: { key: string; value: SharedProvenance } | undefined
function provenanceOf(ctx: PrepareContext): SharedProvenance {
  const key = `${ctx.jobId}\u0000${ctx.dlqTopic}\u0000${ctx.at}\u0000${ctx.by}`
  if (lastProvenance?.key !== key) {
    lastProvenance = {
      key,
      value: {
        id: Buffer.from(ctx.jobId, 'utf8'),
        dlqTopic: Buffer.from(ctx.dlqTopic, 'utf8'),
        at: Buffer.from(ctx.at, 'utf8'),
        by: Buffer.from(ctx.by, 'utf8'),
      },
    }
  }
  return lastProvenance.value
}

export function prepareRecord(
  record: DeadLetterRecord | DeadLetterSource,
  ctx: PrepareContext,
): PreparedRecord | RefusedRecord {
  const src = 'headerCount' in record ? record : deadLetterOf(record)
  const from = { partition: src.partition, offset: src.offset }
  const n = src.headerCount
  const strip = ctx.options.stripErrorHeaders !== false
  let springAt = -1
  let connectAt = -1
  let headerReplays = 0
  let kept: number | number[] = n > 31 ? [] : 0
  for (let i = 0; i < n; i++) {
    const key = src.headerKey(i)
    if (key.startsWith(SPRING)) springAt = i
    else if (key.startsWith(CONNECT)) connectAt = i
    else if (key === REPLAY_HEADERS.count) headerReplays = replayCountOf(src.headerValue(i), headerReplays)
    if (keepsHeader(key, strip)) {
      if (typeof kept === 'number') kept |= 1 << i
      else kept.push(i)
    }
  }
  // Spring and Connect headers say everything: only where the record came from is needed, read exactly as
  // parseErrorMetadata reads it (see sourceFromHeaders). The value is parsed only for envelopes and edits.
  const headerStyle = springAt >= 0 || connectAt >= 0
  const originalJson =
    !headerStyle || ctx.options.editedValue !== undefined ? jsonOf(src.value()) : ({ ok: false } as const)
  const source = headerStyle
    ? sourceFromHeaders(src, springAt > connectAt ? 'spring' : 'connect')
    : parseErrorMetadata(rawHeadersOf(src), originalJson.ok ? originalJson.value : src.value()?.toString('utf8')).source

  if (!ctx.explicit && ctx.resolution) return refused(from, `already ${ctx.resolution.status} (skipped)`)
  const replayCount = Math.max(headerReplays, ctx.resolution?.replayCount ?? 0)
  if (replayCount >= ctx.maxReplays) {
    return refused(from, `loop guard: already replayed ${replayCount} times (limit ${ctx.maxReplays})`)
  }
  const topic = ctx.options.targetTopic ?? source.topic ?? ctx.sourceByName
  if (!topic) return refused(from, 'source topic unknown: choose a target topic')
  const partitions = ctx.partitionsOf(topic)
  if (partitions === undefined) return { ...refused(from, 'target topic not looked up'), unknownTopic: topic }
  if (partitions === null) return refused(from, `target topic "${topic}" does not exist`)

  let edited: Buffer | undefined
  if (ctx.options.editedValue !== undefined) {
    if (originalJson.ok && !jsonOf(Buffer.from(ctx.options.editedValue)).ok) {
      return refused(from, 'the edited value is not valid JSON (the original was JSON)')
    }
    edited = Buffer.from(ctx.options.editedValue, 'utf8')
  }
  const keepKey = ctx.options.keepKey !== false
  const original = source.partition
  let partition: number | null
  if (ctx.options.partitioning !== 'key' && original !== undefined && original >= 0 && original < partitions) {
    partition = original
  } else {
    const key = keepKey ? src.key() : null
    partition = key && key.length > 0 ? murmur2Partition(key, partitions) : null
  }
  return new PreparedRecord(from, topic, partition, replayCount + 1, src, keepKey, edited, kept, provenanceOf(ctx))
}

// Module-level helpers, not closures: this runs for every record replayed.

/** Decimal text of small numbers (partitions, replay counts), made once. */
const smallNumbers: string[] = []
function numberText(n: number): string {
  if (n < 0 || n >= 4096) return String(n)
  let t = smallNumbers[n]
  if (t === undefined) {
    t = String(n)
    smallNumbers[n] = t
  }
  return t
}
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
  return sourceFromHeaders(
    { headerCount: headers.length, headerKey: (i) => headers[i]!.key, headerValue: (i) => headers[i]!.value },
    style,
  )
}

function sourceFromHeaders(headers: HeaderAccess, style: 'spring' | 'connect'): { topic?: string; partition?: number } {
  const spring = style === 'spring'
  const topicKey = spring ? SPRING_TOPIC : CONNECT_TOPIC
  const partitionKey = spring ? SPRING_PARTITION : CONNECT_PARTITION
  const out: { topic?: string; partition?: number } = {}
  const topicBytes = pickHeader(headers, topicKey, spring)
  if (topicBytes) {
    const text = topicTextOf(topicKey, topicBytes)
    if (text !== '') out.topic = text
  }
  const partitionBytes = pickHeader(headers, partitionKey, spring)
  if (partitionBytes) {
    const n = partitionOf(partitionKey, partitionBytes, !spring)
    if (n !== undefined) out.partition = n
  }
  return out
}

// The source topic and partition headers repeat across a DLQ's records: each distinct value is read once.
let lastTopic: { key: string; bytes: Buffer; text: string } | undefined
function topicTextOf(key: string, bytes: Uint8Array): string {
  const last = lastTopic
  if (last && last.key === key && last.bytes.length === bytes.length) {
    let i = bytes.length - 1
    while (i >= 0 && last.bytes[i] === bytes[i]) i--
    if (i < 0) return last.text
  }
  const text = textOf(key, bytes)
  lastTopic = { key, bytes: Buffer.from(bytes), text }
  return text
}

const partitions = [new Map<number, number | undefined>(), new Map<number, number | undefined>()]
function partitionOf(key: string, bytes: Uint8Array, textOnly: boolean): number | undefined {
  const read = () => {
    const r = readInteger(key, bytes, textOnly)
    if (!('value' in r)) return undefined
    const n = Number(r.value)
    return n >= 0 && n <= 2 ** 31 - 1 ? n : undefined
  }
  // Up to 6 bytes make an exact number key (length in the high part); longer values are read each time.
  if (bytes.length > 6) return read()
  let id = bytes.length * 2 ** 48
  for (let i = 0; i < bytes.length; i++) id += bytes[i]! * 2 ** (8 * i)
  const cache = partitions[textOnly ? 1 : 0]!
  if (cache.has(id)) return cache.get(id)
  const n = read()
  if (cache.size > 10_000) cache.clear()
  cache.set(id, n)
  return n
}

/** The headers as parseErrorMetadata takes them (envelope-style dead letters only: views of every value). */
function rawHeadersOf(src: DeadLetterSource): RawHeader[] {
  const out: RawHeader[] = new Array(src.headerCount)
  for (let i = 0; i < src.headerCount; i++) out[i] = { key: src.headerKey(i), value: src.headerValue(i) }
  return out
}

/** readText's value: valid UTF-8 without a BOM (which TextDecoder drops) decodes the same natively, faster. */
function textOf(key: string, bytes: Uint8Array): string {
  const b = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (isUtf8(b) && !(b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf)) return b.toString('utf8')
  return readText(key, bytes).value
}

/** A header's value: the first with that key or the last; undefined when absent. */
function pickHeader(headers: HeaderAccess, key: string, first: boolean): Uint8Array | null | undefined {
  let found = -1
  for (let i = 0; i < headers.headerCount; i++) {
    if (headers.headerKey(i) !== key) continue
    found = i
    if (first) break
  }
  return found < 0 ? undefined : headers.headerValue(found)
}

/** A ferry-replay-count value (decimal text); the previous count when unreadable (the last readable one wins). */
function replayCountOf(value: Buffer | null, previous: number): number {
  if (!value) return previous
  const n = Number(value.toString('latin1'))
  return Number.isInteger(n) && n >= 0 ? n : previous
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
