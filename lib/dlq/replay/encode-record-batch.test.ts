import { crc32c, Reader, readRecordsBatch } from '@platformatic/kafka'
import { describe, expect, it } from 'vitest'
import { type BatchRecord, encodeRecordBatch } from './encode-record-batch'

const records: BatchRecord[] = [
  { key: Buffer.from('k1'), value: Buffer.from('v1'), headers: [['ferry-replay-id', Buffer.from('job-1')]] },
  { key: null, value: Buffer.alloc(1500, 7), headers: [] },
  {
    key: Buffer.from('ключ'),
    value: null,
    headers: [
      ['h', Buffer.alloc(0)],
      ['h', Buffer.from('repeat')],
      ['ümlaut', Buffer.alloc(300, 1)],
    ],
  },
  ...Array.from({ length: 200 }, (_, i) => ({
    key: Buffer.from(`key-${i}`),
    value: Buffer.alloc(i * 3, i),
    headers: [['n', Buffer.from(String(i))]] as [string, Buffer][],
  })),
]

describe('encodeRecordBatch', () => {
  it('encodes a RecordBatch v2 that Kafka clients decode field by field, with a valid CRC-32C', () => {
    const ts = 1_764_000_000_123n
    const buf = encodeRecordBatch(records, { producerId: 4242n, producerEpoch: 3, baseSequence: 77 }, ts)
    const batch = readRecordsBatch(Reader.from(buf))
    expect(batch.firstOffset).toBe(0n)
    expect(batch.length).toBe(buf.length - 12)
    expect(batch.partitionLeaderEpoch).toBe(-1)
    expect(batch.magic).toBe(2)
    expect(batch.crc).toBe(crc32c(buf.subarray(21)))
    expect(batch.attributes).toBe(0)
    expect(batch.lastOffsetDelta).toBe(records.length - 1)
    expect(batch.firstTimestamp).toBe(ts)
    expect(batch.maxTimestamp).toBe(ts)
    expect(batch.producerId).toBe(4242n)
    expect(batch.producerEpoch).toBe(3)
    expect(batch.firstSequence).toBe(77)
    expect(batch.records).toHaveLength(records.length)
    batch.records.forEach((r, i) => {
      const want = records[i]!
      expect(r.attributes).toBe(0)
      expect(r.timestampDelta).toBe(0n)
      expect(r.offsetDelta).toBe(i)
      expect(r.key ? Buffer.from(r.key) : null).toEqual(want.key)
      expect(r.value ? Buffer.from(r.value) : null).toEqual(want.value)
      expect(r.headers.map(([k, v]) => [(k as Buffer).toString('utf8'), Buffer.from(v as Buffer)])).toEqual(
        want.headers,
      )
    })
    // Every byte accounted for: the last record ends the buffer.
    const reader = Reader.from(buf)
    readRecordsBatch(reader)
    expect(reader.position).toBe(buf.length)
  })

  it('matches the CRC a byte-wise CRC-32C computes', () => {
    const buf = encodeRecordBatch(records.slice(0, 3), { producerId: 1n, producerEpoch: 0, baseSequence: 0 }, 5n)
    let crc = 0xffffffff
    for (const b of buf.subarray(21)) {
      crc ^= b
      for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1
    }
    expect(buf.readUInt32BE(17)).toBe((crc ^ 0xffffffff) >>> 0)
  })
})
