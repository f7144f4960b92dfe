import { crc32c, Writer } from '@platformatic/kafka'
import { takeBuffer } from '../raw/buffer-pool'
import { PROVENANCE_ORDER, PreparedRecord } from './prepare-record'

// A Kafka RecordBatch v2 (magic 2, uncompressed) written straight into one Buffer sized up front: the produce path
// of a replay then costs one copy per batch instead of @platformatic/kafka's many small buffers concatenated twice.
// A replay's PreparedRecord is copied from the fetched dead letter's bytes (kept headers, key, value) plus its
// provenance headers, without building the record as objects.

export type BatchRecord = {
  key: Buffer | null
  value: Buffer | null
  headers: [string, Buffer][]
}

export type BatchProducer = { producerId: bigint; producerEpoch: number; baseSequence: number }

/** baseOffset … records count. */
const BATCH_HEADER_BYTES = 61
/** From the attributes field on: what the CRC covers. */
const CRC_FROM = 21

/** Encoded header names (the same few on every record). */
const headerKeys = new Map<string, Buffer>()
/** The name last encoded at each header index: records of one DLQ repeat their header names in the same order. */
const lastNames: string[] = []
const lastKeys: Buffer[] = []
function headerKeyOf(name: string, index: number): Buffer {
  if (lastNames[index] === name) return lastKeys[index]!
  const b = encodedName(name)
  if (index < 64) {
    lastNames[index] = name
    lastKeys[index] = b
  }
  return b
}

function encodedName(name: string): Buffer {
  let b = headerKeys.get(name)
  if (!b) {
    if (headerKeys.size > 1024) headerKeys.clear()
    b = Buffer.from(name, 'utf8')
    headerKeys.set(name, b)
  }
  return b
}

function zigzag(n: number): number {
  return n >= 0 ? n * 2 : -n * 2 - 1
}

function varIntSize(n: number): number {
  let v = zigzag(n)
  let size = 1
  while (v >= 0x80) {
    v = Math.floor(v / 128)
    size++
  }
  return size
}

function writeVarInt(buf: Buffer, at: number, n: number): number {
  let v = zigzag(n)
  while (v >= 0x80) {
    buf[at++] = (v & 0x7f) | 0x80
    v = Math.floor(v / 128)
  }
  buf[at++] = v
  return at
}

const PROVENANCE_KEYS = PROVENANCE_ORDER.map((k) => Buffer.from(k, 'latin1'))

function writeName(buf: Buffer, at: number, k: number): number {
  return writeBytes(buf, at, PROVENANCE_KEYS[k]!)
}

function writeBytes(buf: Buffer, at: number, v: Buffer): number {
  at = writeVarInt(buf, at, v.length)
  return at + v.copy(buf, at)
}

/** Decimal text: one byte per character. */
function writeDigits(buf: Buffer, at: number, text: string): number {
  at = writeVarInt(buf, at, text.length)
  return at + buf.write(text, at, 'latin1')
}

function bytesSize(length: number): number {
  return length < 0 ? 1 : varIntSize(length) + length
}

const PROVENANCE_KEYS_BYTES = PROVENANCE_KEYS.reduce((n, k) => n + bytesSize(k.length), 0)

/** The number of kept source headers of a prepared record. */
function keptCount(r: PreparedRecord): number {
  if (typeof r.kept !== 'number') return r.kept.length
  let n = 0
  for (let m = r.kept; m !== 0; m &= m - 1) n++
  return n
}

function preparedBodySize(r: PreparedRecord, index: number): number {
  const src = r.source
  let size = 1 + 1 + varIntSize(index)
  size += bytesSize(r.keepKey ? src.keyLength() : -1)
  size += bytesSize(r.editedValue ? r.editedValue.length : src.valueLength())
  size += varIntSize(keptCount(r) + PROVENANCE_KEYS.length)
  for (let i = 0; i < src.headerCount; i++) {
    if (!r.keeps(i)) continue
    size += bytesSize(src.headerKeyLength(i)) + bytesSize(Math.max(0, src.headerValueLength(i)))
  }
  const p = r.provenance
  size += PROVENANCE_KEYS_BYTES
  size += bytesSize(p.id.length) + bytesSize(p.dlqTopic.length) + bytesSize(p.at.length) + bytesSize(p.by.length)
  size += bytesSize(r.partitionText.length) + bytesSize(r.from.offset.length) + bytesSize(r.countText.length)
  return size
}

function writePrepared(buf: Buffer, at: number, r: PreparedRecord): number {
  const src = r.source
  if (r.keepKey && src.keyLength() >= 0) {
    at = writeVarInt(buf, at, src.keyLength())
    at += src.copyKey(buf, at)
  } else buf[at++] = 1 // zigzag(-1)
  if (r.editedValue) {
    at = writeVarInt(buf, at, r.editedValue.length)
    at += r.editedValue.copy(buf, at)
  } else if (src.valueLength() >= 0) {
    at = writeVarInt(buf, at, src.valueLength())
    at += src.copyValue(buf, at)
  } else buf[at++] = 1
  at = writeVarInt(buf, at, keptCount(r) + PROVENANCE_KEYS.length)
  for (let i = 0; i < src.headerCount; i++) {
    if (!r.keeps(i)) continue
    at = writeVarInt(buf, at, src.headerKeyLength(i))
    at += src.copyHeaderKey(i, buf, at)
    // A null header value is written as an empty one.
    const v = Math.max(0, src.headerValueLength(i))
    at = writeVarInt(buf, at, v)
    at += src.copyHeaderValue(i, buf, at)
  }
  // In PROVENANCE_ORDER: id, dlq topic, dlq partition, dlq offset, replayed at, replayed by, count.
  const p = r.provenance
  at = writeName(buf, at, 0)
  at = writeBytes(buf, at, p.id)
  at = writeName(buf, at, 1)
  at = writeBytes(buf, at, p.dlqTopic)
  at = writeName(buf, at, 2)
  at = writeDigits(buf, at, r.partitionText)
  at = writeName(buf, at, 3)
  at = writeDigits(buf, at, r.from.offset)
  at = writeName(buf, at, 4)
  at = writeBytes(buf, at, p.at)
  at = writeName(buf, at, 5)
  at = writeBytes(buf, at, p.by)
  at = writeName(buf, at, 6)
  at = writeDigits(buf, at, r.countText)
  return at
}

/** The record's body size (after its own length varint). Timestamp and offset deltas: 0 and `index`. */
function bodySize(r: BatchRecord, index: number): number {
  if (r instanceof PreparedRecord) return preparedBodySize(r, index)
  let size = 1 + 1 + varIntSize(index) // attributes, timestampDelta 0, offsetDelta
  size += r.key ? varIntSize(r.key.length) + r.key.length : 1
  size += r.value ? varIntSize(r.value.length) + r.value.length : 1
  size += varIntSize(r.headers.length)
  for (let h = 0; h < r.headers.length; h++) {
    const [k, v] = r.headers[h]!
    const kb = headerKeyOf(k, h)
    size += varIntSize(kb.length) + kb.length + varIntSize(v.length) + v.length
  }
  return size
}

/** One uncompressed RecordBatch v2 of `records` (all stamped `timestamp`), CRC-32C included. */
export function encodeRecordBatch(records: BatchRecord[], producer: BatchProducer, timestamp: bigint): Buffer {
  const n = records.length
  const bodies = new Array<number>(n)
  let total = BATCH_HEADER_BYTES
  for (let i = 0; i < n; i++) {
    const b = bodySize(records[i]!, i)
    bodies[i] = b
    total += varIntSize(b) + b
  }
  // Pooled: the sender gives it back once the request carrying it is answered.
  const buf = takeBuffer(total)
  buf.writeBigInt64BE(0n, 0) // baseOffset: the broker assigns it
  buf.writeInt32BE(total - 12, 8) // batchLength: after baseOffset and itself
  buf.writeInt32BE(-1, 12) // partitionLeaderEpoch
  buf.writeInt8(2, 16) // magic
  // crc at 17, below
  buf.writeInt16BE(0, 21) // attributes: no compression, not transactional, not control, create time
  buf.writeInt32BE(n - 1, 23) // lastOffsetDelta
  buf.writeBigInt64BE(timestamp, 27) // baseTimestamp
  buf.writeBigInt64BE(timestamp, 35) // maxTimestamp
  buf.writeBigInt64BE(producer.producerId, 43)
  buf.writeInt16BE(producer.producerEpoch, 51)
  buf.writeInt32BE(producer.baseSequence, 53)
  buf.writeInt32BE(n, 57)
  let at = BATCH_HEADER_BYTES
  for (let i = 0; i < n; i++) {
    const r = records[i]!
    at = writeVarInt(buf, at, bodies[i]!)
    buf[at++] = 0 // attributes
    buf[at++] = 0 // timestampDelta (zigzag 0)
    at = writeVarInt(buf, at, i)
    if (r instanceof PreparedRecord) {
      at = writePrepared(buf, at, r)
      continue
    }
    if (r.key) {
      at = writeVarInt(buf, at, r.key.length)
      at += r.key.copy(buf, at)
    } else buf[at++] = 1 // zigzag(-1)
    if (r.value) {
      at = writeVarInt(buf, at, r.value.length)
      at += r.value.copy(buf, at)
    } else buf[at++] = 1
    at = writeVarInt(buf, at, r.headers.length)
    for (let h = 0; h < r.headers.length; h++) {
      const [k, v] = r.headers[h]!
      const kb = headerKeyOf(k, h)
      at = writeVarInt(buf, at, kb.length)
      at += kb.copy(buf, at)
      at = writeVarInt(buf, at, v.length)
      at += v.copy(buf, at)
    }
  }
  if (at !== total) throw new Error(`record batch size mismatch: wrote ${at} of ${total} bytes`)
  // Handed over as a one-buffer DynamicBuffer: @platformatic/kafka's native CRC wrapper copies a plain Buffer first.
  buf.writeUInt32BE(crc32c(Writer.create().append(buf.subarray(CRC_FROM)).dynamicBuffer), 17)
  return buf
}
