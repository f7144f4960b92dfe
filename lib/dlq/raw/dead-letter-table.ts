import { compressionsAlgorithmsByBitmask, Reader, readRecordsBatch } from '@platformatic/kafka'
import { giveBack } from './buffer-pool'
import type { DeadLetterSource } from './dead-letter-source'
import { nameOf } from './header-names'

// Fetched records (a replay chunk's dead letters, a round of the DLQ index, the resolutions), stored as positions
// into the fetched bytes (one row per record, one header row per header, in typed-array columns) instead of one
// object and ~20 buffer views per record: those allocations were the largest cost of a replay's and of the index's
// CPU profiles. A DeadLetterView gives what the readers need: header names as text (interned), values as views only
// when asked, copies straight from the fetched bytes (or from a compressed batch's records, decompressed once).

const CONTROL_BATCH = 1 << 5
const LOG_APPEND_TIME = 1 << 3
const COMPRESSION = 0x07
/** firstOffset … recordsCount. */
const BATCH_HEAD = 61

/** Grows a typed-array column. */
function grown<T extends Int32Array | Float64Array>(a: T, need: number): T {
  if (need <= a.length) return a
  const b = new (a.constructor as new (length: number) => T)(Math.max(need, a.length * 2))
  b.set(a)
  return b
}

export class DeadLetterTable {
  readonly bufs: Buffer[] = []
  rows = 0
  headers = 0
  // Row columns.
  partition: Int32Array = new Int32Array(1024)
  buf: Int32Array = new Int32Array(1024)
  keyStart: Int32Array = new Int32Array(1024)
  keyLen: Int32Array = new Int32Array(1024)
  valueStart: Int32Array = new Int32Array(1024)
  valueLen: Int32Array = new Int32Array(1024)
  headerFirst: Int32Array = new Int32Array(1024)
  headerCount: Int32Array = new Int32Array(1024)
  // Header columns.
  hKeyStart: Int32Array = new Int32Array(4096)
  hKeyLen: Int32Array = new Int32Array(4096)
  hValueStart: Int32Array = new Int32Array(4096)
  hValueLen: Int32Array = new Int32Array(4096)
  /** Header names once decoded (headerKey), by header row. */
  readonly hName: string[] = []
  /** Offset of each row (exact below 2^53; rows beyond are found through `unsafe`), and exactly. */
  offset: Float64Array = new Float64Array(1024)
  readonly exactOffset: bigint[] = []
  /** Timestamp of each row (epoch ms: create time, or the batch's log-append time). */
  timestamp: Float64Array = new Float64Array(1024)
  /** Rows of each partition, in offset order (fetches of a partition come in order). */
  private readonly rowsOf = new Map<number, number[]>()
  /** Rows at offsets beyond 2^53 (never met in practice), by "partition:offset". */
  private readonly unsafe = new Map<string, number>()

  /** The row of the dead letter at partition/offset, if it was read. */
  rowOf(partition: number, offsetText: string): number | undefined {
    const n = Number(offsetText)
    if (!Number.isSafeInteger(n)) return this.unsafe.get(`${partition}:${BigInt(offsetText)}`)
    const rows = this.rowsOf.get(partition)
    if (!rows) return undefined
    let lo = 0
    let hi = rows.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const at = this.offset[rows[mid]!]!
      if (at === n) return rows[mid]
      if (at < n) lo = mid + 1
      else hi = mid - 1
    }
    return undefined
  }

  /**
   * Adds the records of a Fetch response's records bytes at or after `from` for which `wanted` says yes; returns the
   * offset after the last whole batch (or `from`).
   */
  addBatches(partition: number, bytes: Buffer, from: bigint, wanted: (offset: bigint) => boolean): bigint {
    let next = from
    let pos = 0
    const bufIndex = this.bufs.length
    this.bufs.push(bytes)
    while (bytes.length - pos >= BATCH_HEAD) {
      const length = bytes.readInt32BE(pos + 8)
      const end = pos + 12 + length
      if (end > bytes.length) break // a truncated last batch: asked again from `next`
      const firstOffset = bytes.readBigInt64BE(pos)
      const magic = bytes.readInt8(pos + 16)
      const attributes = bytes.readInt16BE(pos + 21)
      const lastOffsetDelta = bytes.readInt32BE(pos + 23)
      batchTime.base = Number(bytes.readBigInt64BE(pos + 27))
      batchTime.max = Number(bytes.readBigInt64BE(pos + 35))
      batchTime.logAppend = (attributes & LOG_APPEND_TIME) !== 0
      const batchEnd = firstOffset + BigInt(lastOffsetDelta) + 1n
      if (batchEnd > next) next = batchEnd
      if (!(attributes & CONTROL_BATCH)) {
        const compression = attributes & COMPRESSION
        if (magic !== 2) this.addLibraryBatch(partition, bytes.subarray(pos, end), from, wanted)
        else if (compression === 0) this.addOwnBatch(partition, bufIndex, bytes, pos, end, firstOffset, from, wanted)
        else {
          // The records of a compressed batch, decompressed, are laid out as an uncompressed batch's.
          const algorithm = compressionsAlgorithmsByBitmask[compression]
          if (!algorithm) throw new Error(`Unsupported compression (attributes ${attributes})`)
          const records = algorithm.decompressSync(bytes.subarray(pos + BATCH_HEAD, end)) as Buffer
          const index = this.bufs.length
          this.bufs.push(records)
          cursor.b = records
          cursor.p = 0
          this.walkRecords(partition, index, bytes.readInt32BE(pos + 57), records.length, firstOffset, from, wanted)
          cursor.b = NONE
        }
      }
      pos = end
    }
    return next
  }

  /** Batches older than v2 (magic 0/1): decoded by the library, each record re-written in the v2 record layout. */
  private addLibraryBatch(partition: number, bytes: Buffer, from: bigint, wanted: (offset: bigint) => boolean) {
    const batch = readRecordsBatch(Reader.from(bytes))
    for (const r of batch.records) {
      const offset = batch.firstOffset + BigInt(r.offsetDelta)
      if (offset < from || !wanted(offset)) continue
      const body = Buffer.concat(
        [
          lengthPrefixed(r.key ?? null),
          lengthPrefixed(r.value ?? null),
          varIntBytes(r.headers.length),
          ...r.headers.flatMap(([k, v]) => [lengthPrefixed(k ?? null), lengthPrefixed(v ?? null)]),
        ].filter((b): b is Buffer => b !== null),
      )
      const bufIndex = this.bufs.length
      this.bufs.push(body)
      cursor.b = body
      cursor.p = 0
      const timestamp = Number(
        batch.attributes & LOG_APPEND_TIME ? batch.maxTimestamp : batch.firstTimestamp + r.timestampDelta,
      )
      this.addRecordAt(partition, bufIndex, offset, timestamp)
    }
  }

  private addOwnBatch(
    partition: number,
    bufIndex: number,
    bytes: Buffer,
    start: number,
    end: number,
    firstOffset: bigint,
    from: bigint,
    wanted: (offset: bigint) => boolean,
  ) {
    cursor.b = bytes
    cursor.p = start + BATCH_HEAD
    this.walkRecords(partition, bufIndex, bytes.readInt32BE(start + 57), end, firstOffset, from, wanted)
  }

  /** The records at the cursor (in `bufs[bufIndex]`), up to `end`. */
  private walkRecords(
    partition: number,
    bufIndex: number,
    count: number,
    end: number,
    firstOffset: bigint,
    from: bigint,
    wanted: (offset: bigint) => boolean,
  ) {
    const time = batchTime
    const fromDelta = from > firstOffset ? Number(from - firstOffset) : 0
    for (let i = 0; i < count && cursor.p < end; i++) {
      const length = varInt()
      const recordEnd = cursor.p + length
      cursor.p++ // attributes
      const timestampDelta = varInt()
      const offsetDelta = varInt()
      if (offsetDelta >= fromDelta) {
        const offset = firstOffset + BigInt(offsetDelta)
        const timestamp = time.logAppend ? time.max : time.base + timestampDelta
        if (wanted(offset)) this.addRecordAt(partition, bufIndex, offset, timestamp)
      }
      cursor.p = recordEnd
    }
    cursor.b = NONE // the response buffer is kept by `bufs` only
  }

  /** The cursor is at the record's key. */
  private addRecordAt(partition: number, bufIndex: number, offset: bigint, timestamp: number): void {
    const row = this.rows++
    if (row >= this.partition.length) {
      const n = row * 2
      this.partition = grown(this.partition, n)
      this.buf = grown(this.buf, n)
      this.keyStart = grown(this.keyStart, n)
      this.keyLen = grown(this.keyLen, n)
      this.valueStart = grown(this.valueStart, n)
      this.valueLen = grown(this.valueLen, n)
      this.headerFirst = grown(this.headerFirst, n)
      this.headerCount = grown(this.headerCount, n)
      this.offset = grown(this.offset, n)
      this.timestamp = grown(this.timestamp, n)
    }
    this.partition[row] = partition
    this.buf[row] = bufIndex
    this.timestamp[row] = timestamp
    bytesInto(this.keyStart, this.keyLen, row)
    bytesInto(this.valueStart, this.valueLen, row)
    const headers = Math.max(0, varInt())
    this.headerFirst[row] = this.headers
    this.headerCount[row] = headers
    const need = this.headers + headers
    if (need > this.hKeyStart.length) {
      this.hKeyStart = grown(this.hKeyStart, need * 2)
      this.hKeyLen = grown(this.hKeyLen, need * 2)
      this.hValueStart = grown(this.hValueStart, need * 2)
      this.hValueLen = grown(this.hValueLen, need * 2)
    }
    for (let h = 0; h < headers; h++) {
      const at = this.headers++
      bytesInto(this.hKeyStart, this.hKeyLen, at)
      bytesInto(this.hValueStart, this.hValueLen, at)
    }
    const n0 = Number(offset)
    this.offset[row] = n0
    this.exactOffset[row] = offset
    if (Number.isSafeInteger(n0)) {
      let rows = this.rowsOf.get(partition)
      if (!rows) {
        rows = []
        this.rowsOf.set(partition, rows)
      }
      rows.push(row)
    } else this.unsafe.set(`${partition}:${offset}`, row)
  }

  /**
   * Gives the fetched bytes back to the pool (buffer-pool.ts). Only once nothing reads this table's records again:
   * the job calls it when the chunk's records are encoded and acknowledged.
   */
  release(): void {
    for (const b of this.bufs) giveBack(b)
    this.bufs.length = 0
  }

  /** The dead letter at `row`, as a source for prepareRecord and the encoder. */
  viewOf(row: number, offsetText: string): DeadLetterView {
    return new DeadLetterView(this, row, offsetText)
  }
}

export class DeadLetterView implements DeadLetterSource {
  readonly partition: number
  readonly headerCount: number
  private readonly b: Buffer
  private readonly h0: number

  constructor(
    private readonly t: DeadLetterTable,
    private readonly row: number,
    readonly offset: string,
  ) {
    this.partition = t.partition[row]!
    this.headerCount = t.headerCount[row]!
    this.b = t.bufs[t.buf[row]!]!
    this.h0 = t.headerFirst[row]!
  }

  headerKey(i: number): string {
    const h = this.h0 + i
    const known = this.t.hName[h]
    if (known !== undefined) return known
    const n = this.t.hKeyLen[h]!
    const name = n <= 0 ? '' : nameOf(this.b, this.t.hKeyStart[h]!, n, i)
    this.t.hName[h] = name
    return name
  }
  headerKeyBytes(i: number): Buffer | null {
    const h = this.h0 + i
    return this.slice(this.t.hKeyStart[h]!, this.t.hKeyLen[h]!)
  }
  headerValue(i: number): Buffer | null {
    const h = this.h0 + i
    return this.slice(this.t.hValueStart[h]!, this.t.hValueLen[h]!)
  }
  key(): Buffer | null {
    return this.slice(this.t.keyStart[this.row]!, this.t.keyLen[this.row]!)
  }
  value(): Buffer | null {
    return this.slice(this.t.valueStart[this.row]!, this.t.valueLen[this.row]!)
  }
  keyLength(): number {
    return this.t.keyLen[this.row]!
  }
  valueLength(): number {
    return this.t.valueLen[this.row]!
  }
  headerKeyLength(i: number): number {
    return Math.max(0, this.t.hKeyLen[this.h0 + i]!)
  }
  headerValueLength(i: number): number {
    return this.t.hValueLen[this.h0 + i]!
  }
  copyKey(target: Buffer, at: number): number {
    return this.copy(target, at, this.t.keyStart[this.row]!, this.t.keyLen[this.row]!)
  }
  copyValue(target: Buffer, at: number): number {
    return this.copy(target, at, this.t.valueStart[this.row]!, this.t.valueLen[this.row]!)
  }
  copyHeaderKey(i: number, target: Buffer, at: number): number {
    const h = this.h0 + i
    return this.copy(target, at, this.t.hKeyStart[h]!, this.t.hKeyLen[h]!)
  }
  copyHeaderValue(i: number, target: Buffer, at: number): number {
    const h = this.h0 + i
    return this.copy(target, at, this.t.hValueStart[h]!, this.t.hValueLen[h]!)
  }

  private slice(start: number, length: number): Buffer | null {
    return length < 0 ? null : this.b.subarray(start, start + length)
  }
  private copy(target: Buffer, at: number, start: number, length: number): number {
    return length <= 0 ? 0 : this.b.copy(target, at, start, start + length)
  }
}

// A cursor over the bytes being walked and its batch's times, module-level so the walk allocates nothing.
const batchTime = { base: 0, max: 0, logAppend: false }
const NONE = Buffer.alloc(0)
const cursor: { b: Buffer; p: number } = { b: NONE, p: 0 }

function varInt(): number {
  const b = cursor.b
  const first = b[cursor.p++]!
  // Most lengths and deltas fit one or two bytes.
  if (first < 0x80) return first & 1 ? -((first + 1) >> 1) : first >> 1
  const second = b[cursor.p]!
  if (second < 0x80) {
    cursor.p++
    const v = (first & 0x7f) | (second << 7)
    return v & 1 ? -((v + 1) >> 1) : v >> 1
  }
  let value = first & 0x7f
  let shift = 7
  let byte: number
  do {
    byte = b[cursor.p++]!
    value += (byte & 0x7f) * 2 ** shift
    shift += 7
  } while (byte & 0x80)
  // zigzag, in floating point: a varlong's magnitude may exceed 32 bits
  return value % 2 === 0 ? value / 2 : -(value + 1) / 2
}

/** Records where the length-prefixed bytes at the cursor start and how long they are (-1: null); moves past them. */
function bytesInto(starts: Int32Array, lengths: Int32Array, at: number): void {
  const n = varInt()
  starts[at] = cursor.p
  lengths[at] = n
  if (n > 0) cursor.p += n
}

function varIntBytes(n: number): Buffer {
  const out: number[] = []
  let v = n >= 0 ? n * 2 : -n * 2 - 1
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80)
    v = Math.floor(v / 128)
  }
  out.push(v)
  return Buffer.from(out)
}

function lengthPrefixed(b: Buffer | null): Buffer {
  return b === null ? varIntBytes(-1) : Buffer.concat([varIntBytes(b.length), b])
}
