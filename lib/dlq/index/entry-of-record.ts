// Pure: one raw dead-letter record as an index entry. Parsing error metadata (stack-trace normalisation above all)
// is the index's main cost, so the error part is memoised by the headers that carry it.

import { causeTypeOfTrace, errorFingerprint, normaliseErrorMessage } from '../fingerprint'
import { readInteger, readText } from '../header-values'
import { type DeadLetterMetadata, parseErrorMetadata, type RawHeader } from '../parse-error-metadata'
import { REPLAY_HEADERS } from '../resolutions/types'
import { type IndexEntry, Interner, STYLES } from './columns'

/** What the index keeps once per distinct string: topics, error types, fingerprints and a sample per fingerprint. */
export class IndexDictionaries {
  readonly topics = new Interner()
  readonly errorTypes = new Interner()
  readonly fingerprints = new Interner()
  /** Per fingerprint id: the error type and a normalised sample message. */
  readonly groups: { type?: string; message?: string }[] = []
  private readonly memo = new Map<string, DeadLetterMetadata>()

  /**
   * The record's metadata. Records whose headers differ only in per-record numbers (source offset, timestamp) share
   * the parsed error; the source offset is read again for each. Values are only decoded when no header style applies.
   */
  metadataOf(headers: readonly RawHeader[], value: () => unknown): DeadLetterMetadata {
    const headerStyled = headers.some((h) => h.key.startsWith('kafka_dlt-') || h.key.startsWith('__connect.errors.'))
    if (!headerStyled) return parseErrorMetadata(headers, value())
    // Neighbouring records of a burst usually failed the same way: compare bytes with the previous one first.
    let cached = this.last && sameError(this.last.headers, headers) ? this.last.metadata : undefined
    if (!cached) {
      const key = memoKeyOf(headers)
      cached = this.memo.get(key)
      if (!cached) {
        cached = this.parseWithoutTrace(headers)
        if (this.memo.size >= MEMO_SIZE) this.memo.clear()
        this.memo.set(key, cached)
        this.last = { headers, metadata: cached }
        return cached
      }
      this.last = { headers, metadata: cached }
    }
    const offset = sourceOffsetOf(headers, cached.style)
    return offset === cached.source.offset ? cached : { ...cached, source: { ...cached.source, offset } }
  }

  private readonly traceFingerprints = new Map<string, string>()
  private last: { headers: readonly RawHeader[]; metadata: DeadLetterMetadata } | undefined

  /**
   * parseErrorMetadata without its most expensive step for records whose traces repeat but for the messages in
   * them: the trace is taken off, parsed around, and its fingerprint memoised by the trace's structure (its `at`
   * frames verbatim and its exception classes), which is all the normalised trace keeps.
   */
  private parseWithoutTrace(headers: readonly RawHeader[]): DeadLetterMetadata {
    const traces = headers.filter((h) => TRACE_KEYS.has(h.key))
    if (traces.length === 0) return parseErrorMetadata(headers, null)
    const parsed = parseErrorMetadata(
      headers.filter((h) => !TRACE_KEYS.has(h.key)),
      null,
    )
    const key =
      parsed.style === 'connect'
        ? '__connect.errors.exception.stacktrace'
        : parsed.error.failedOn === 'key'
          ? 'kafka_dlt-key-exception-stacktrace'
          : 'kafka_dlt-exception-stacktrace'
    const bytes = [...traces].reverse().find((h) => h.key === key)?.value
    const trace = bytes ? readText(key, bytes).value : ''
    if (!trace) return parseErrorMetadata(headers, null)
    const error = { ...parsed.error, stackTrace: trace }
    if (!error.causeType) error.causeType = causeTypeOfTrace(trace)
    const memoKey = `${error.type ?? ''}\n${error.causeType ?? ''}\n${traceStructureOf(trace)}`
    let fingerprint = this.traceFingerprints.get(memoKey)
    if (fingerprint === undefined) {
      fingerprint = errorFingerprint(error)
      if (this.traceFingerprints.size >= MEMO_SIZE) this.traceFingerprints.clear()
      this.traceFingerprints.set(memoKey, fingerprint)
    }
    return { ...parsed, error: { ...clean(error), fingerprint } }
  }

  entryOf(offset: number, timestamp: number, headers: readonly RawHeader[], value: () => unknown): IndexEntry {
    const m = this.metadataOf(headers, value)
    const fingerprintId = this.fingerprints.idOf(m.error.fingerprint)
    if (this.groups[fingerprintId] === undefined) {
      this.groups[fingerprintId] = {
        type: m.error.type,
        message: m.error.message === undefined ? undefined : normaliseErrorMessage(m.error.message).slice(0, 500),
      }
    }
    return {
      offset,
      timestamp,
      sourceTopicId: m.source.topic === undefined ? -1 : this.topics.idOf(m.source.topic),
      sourcePartition: m.source.partition ?? -1,
      sourceOffset: m.source.offset === undefined ? -1 : Number(m.source.offset),
      fingerprintId,
      errorTypeId: m.error.type === undefined ? -1 : this.errorTypes.idOf(m.error.type),
      attempts: m.attempts ?? -1,
      replayCount: replayCountOf(headers),
      style: STYLES.indexOf(m.style),
    }
  }
}

const MEMO_SIZE = 20_000
const TRACE_KEYS = new Set([
  'kafka_dlt-exception-stacktrace',
  'kafka_dlt-key-exception-stacktrace',
  '__connect.errors.exception.stacktrace',
])
/** fingerprint.ts's exception-line pattern: the normalised trace keeps only what it captures of non-frame lines. */
const EXCEPTION_LINE = /^((?:Caused by|Suppressed|Wrapped by):\s*)?([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)(?::\s|:?$)/

/** What normaliseStackTrace depends on: frames verbatim, and of other lines only the exception class (and prefix). */
export function traceStructureOf(trace: string): string {
  let out = ''
  for (const raw of trace.split(/\r?\n/)) {
    const line = raw.trim()
    if (/^at\s/.test(line)) out += `${line}\n`
    else {
      const m = EXCEPTION_LINE.exec(line)
      if (m) out += `${m[1] ?? ''}|${m[2]}\n`
    }
  }
  return out
}

function clean<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T
}
/** Per-record numbers that do not change what failed. */
const PER_RECORD = new Set([
  'kafka_dlt-original-offset',
  'kafka_dlt-original-timestamp',
  '__connect.errors.offset',
  REPLAY_HEADERS.count,
])

/** Whether two records' dead-letter headers are the same but for PER_RECORD ones (the memo key, without building it). */
function sameError(a: readonly RawHeader[], b: readonly RawHeader[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as RawHeader
    const y = b[i] as RawHeader
    if (x.key !== y.key) return false
    if (PER_RECORD.has(x.key) || !(x.key.startsWith('kafka_dlt-') || x.key.startsWith('__connect.errors.'))) continue
    if (x.value === null || y.value === null) {
      if (x.value !== y.value) return false
    } else if (Buffer.compare(x.value, y.value) !== 0) return false
  }
  return true
}

function memoKeyOf(headers: readonly RawHeader[]): string {
  let key = ''
  for (const h of headers) {
    if (PER_RECORD.has(h.key) || !(h.key.startsWith('kafka_dlt-') || h.key.startsWith('__connect.errors.'))) continue
    key += `${h.key}\u0000${h.value === null ? '\u0001' : Buffer.from(h.value.buffer, h.value.byteOffset, h.value.byteLength).toString('latin1')}\u0000`
  }
  return key
}

function sourceOffsetOf(headers: readonly RawHeader[], style: DeadLetterMetadata['style']): string | undefined {
  const key = style === 'connect' ? '__connect.errors.offset' : 'kafka_dlt-original-offset'
  const list = headers.filter((h) => h.key === key)
  // Spring keeps the first original-offset (where it came from); Connect the last.
  const h = style === 'connect' ? list[list.length - 1] : list[0]
  if (!h?.value) return undefined
  const read = readInteger(key, h.value, style === 'connect')
  return 'value' in read ? read.value : undefined
}

/** The `ferry-replay-count` header: how often this record was replayed before it failed again. */
export function replayCountOf(headers: readonly RawHeader[]): number {
  for (let i = headers.length - 1; i >= 0; i--) {
    const h = headers[i] as RawHeader
    if (h.key !== REPLAY_HEADERS.count || !h.value) continue
    const n = Number(Buffer.from(h.value).toString('utf8').trim())
    return Number.isInteger(n) && n >= 0 ? n : 0
  }
  return 0
}
