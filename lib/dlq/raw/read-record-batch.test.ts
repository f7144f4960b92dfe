import { createRecordsBatch, Reader, readRecordsBatches } from '@platformatic/kafka'
import { describe, expect, it } from 'vitest'
import { type BatchRecord, encodeRecordBatch } from '../replay/encode-record-batch'
import { type ReplayFetched, readBatches } from './read-record-batch'

const producer = { producerId: 7n, producerEpoch: 0, baseSequence: 0 }

function records(n: number, from = 0): BatchRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    key: i % 5 === 0 ? null : Buffer.from(`key-${from + i}`),
    value: i % 7 === 0 ? null : Buffer.alloc(i === 3 ? 20_000 : (from + i) * 13, from + i),
    headers: [
      ['kafka_dlt-original-topic', Buffer.from('orders')],
      ['h', Buffer.alloc(0)],
      ['ümlaut', Buffer.alloc(200, 1)],
    ] as [string, Buffer][],
  }))
}

/** A batch as the broker returns it: its base offset set. */
function at(offset: bigint, batch: Buffer): Buffer {
  batch.writeBigInt64BE(offset, 0)
  return batch
}

/** What @platformatic/kafka's own decoder reads, in the same shape. */
function library(buf: Buffer, from: bigint): ReplayFetched[] {
  const out: ReplayFetched[] = []
  for (const batch of readRecordsBatches(Reader.from(buf))) {
    for (const r of batch.records) {
      const offset = batch.firstOffset + BigInt(r.offsetDelta)
      if (offset >= from) out.push({ record: { key: r.key, value: r.value, headers: r.headers }, offset })
    }
  }
  return out
}

const norm = (list: ReplayFetched[]) =>
  list.map(({ record, offset }) => ({
    offset,
    key: record.key?.toString('hex') ?? null,
    value: record.value?.toString('hex') ?? null,
    headers: record.headers.map(([k, v]) => [k?.toString('hex') ?? null, v?.toString('hex') ?? null]),
  }))

describe('readBatches', () => {
  it('reads uncompressed and compressed batches as the library does, from the asked offset, skipping a truncated tail', () => {
    const first = at(1000n, encodeRecordBatch(records(40), producer, 1_764_000_000_000n))
    const gzip = createRecordsBatch(
      records(30, 40).map((r) => ({
        topic: 'orders',
        key: r.key ?? undefined,
        value: r.value ?? Buffer.alloc(0),
        headers: new Map(r.headers.map(([k, v]) => [Buffer.from(k), v])),
      })),
      { compression: 'gzip' },
    ).buffer
    const second = at(1040n, Buffer.from(gzip))
    expect(second.readInt16BE(21) & 0x07).toBe(1) // gzip: the library's decoder path
    const third = at(1070n, encodeRecordBatch(records(10, 70), producer, 1_764_000_000_000n))
    const bytes = Buffer.concat([first, second, third])
    for (const from of [1000n, 1013n, 1045n, 1075n]) {
      const out: ReplayFetched[] = []
      const next = readBatches(bytes, from, out)
      expect(next).toBe(1080n)
      expect(norm(out)).toEqual(norm(library(bytes, from)))
      expect(out[0]!.offset).toBe(from)
    }
    const truncated: ReplayFetched[] = []
    expect(readBatches(bytes.subarray(0, bytes.length - 5), 1000n, truncated)).toBe(1070n)
    expect(truncated).toHaveLength(70)
    expect(truncated[69]!.offset).toBe(1069n)
  })
})
