import { Reader, readRecordsBatch } from '@platformatic/kafka'

// The records of a Fetch response's records bytes. Uncompressed RecordBatch v2 records are walked by hand into views
// of the response buffer (offset, key, value, headers: all a replay, a recovery scan or a jobs read needs), without
// @platformatic/kafka's per-field objects, which were the largest read cost of a replay. Compressed or older batches
// go through the library's decoder.

export type ReplayRecord = {
  key: Buffer | null
  value: Buffer | null
  headers: [Buffer | null, Buffer | null][]
}
export type ReplayFetched = { record: ReplayRecord; offset: bigint }

const CONTROL_BATCH = 1 << 5
const COMPRESSION = 0x07
/** firstOffset … recordsCount. */
const BATCH_HEAD = 61

/** Appends the records at or after `from`; returns the offset after the last whole batch (or `from`). */
export function readBatches(buf: Buffer, from: bigint, out: ReplayFetched[]): bigint {
  let next = from
  let pos = 0
  while (buf.length - pos >= BATCH_HEAD) {
    const length = buf.readInt32BE(pos + 8)
    const end = pos + 12 + length
    if (end > buf.length) break // a truncated last batch: asked again from `next`
    const firstOffset = buf.readBigInt64BE(pos)
    const magic = buf.readInt8(pos + 16)
    const attributes = buf.readInt16BE(pos + 21)
    const lastOffsetDelta = buf.readInt32BE(pos + 23)
    const batchEnd = firstOffset + BigInt(lastOffsetDelta) + 1n
    if (batchEnd > next) next = batchEnd
    if (!(attributes & CONTROL_BATCH)) {
      if (magic !== 2 || attributes & COMPRESSION) libraryBatch(buf.subarray(pos, end), from, out)
      else ownBatch(buf, pos, end, firstOffset, from, out)
    }
    pos = end
  }
  return next
}

function libraryBatch(bytes: Buffer, from: bigint, out: ReplayFetched[]): void {
  const batch = readRecordsBatch(Reader.from(bytes))
  for (const record of batch.records) {
    const offset = batch.firstOffset + BigInt(record.offsetDelta)
    if (offset >= from) out.push({ record, offset })
  }
}

// A cursor over the batch, module-level so the record walk allocates nothing but its views.
const NONE = Buffer.alloc(0)
let b: Buffer = NONE
let p = 0

function varInt(): number {
  const first = b[p++]!
  // Most lengths and deltas fit one or two bytes.
  if (first < 0x80) return first & 1 ? -((first + 1) >> 1) : first >> 1
  const second = b[p]!
  if (second < 0x80) {
    p++
    const v = (first & 0x7f) | (second << 7)
    return v & 1 ? -((v + 1) >> 1) : v >> 1
  }
  let value = first & 0x7f
  let shift = 7
  let byte: number
  do {
    byte = b[p++]!
    value += (byte & 0x7f) * 2 ** shift
    shift += 7
  } while (byte & 0x80)
  // zigzag, in floating point: a varlong's magnitude may exceed 32 bits
  return value % 2 === 0 ? value / 2 : -(value + 1) / 2
}

function bytesOf(): Buffer | null {
  const n = varInt()
  if (n < 0) return null
  const v = b.subarray(p, p + n)
  p += n
  return v
}

function ownBatch(buf: Buffer, start: number, end: number, firstOffset: bigint, from: bigint, out: ReplayFetched[]) {
  const count = buf.readInt32BE(start + 57)
  b = buf
  p = start + BATCH_HEAD
  const fromDelta = from > firstOffset ? Number(from - firstOffset) : 0
  for (let i = 0; i < count && p < end; i++) {
    const length = varInt()
    const recordEnd = p + length
    p++ // attributes
    varInt() // timestamp delta
    const offsetDelta = varInt()
    if (offsetDelta < fromDelta) {
      p = recordEnd // before the asked offset: no views
      continue
    }
    const key = bytesOf()
    const value = bytesOf()
    const headerCount = varInt()
    const headers: [Buffer | null, Buffer | null][] = new Array(Math.max(0, headerCount))
    for (let h = 0; h < headerCount; h++) {
      const k = bytesOf()
      headers[h] = [k, bytesOf()]
    }
    p = recordEnd
    out.push({ record: { key, value, headers }, offset: firstOffset + BigInt(offsetDelta) })
  }
  b = NONE // the response buffer is not kept alive
}
