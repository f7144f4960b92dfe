import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { type BatchRecord, encodeRecordBatch } from '../replay/encode-record-batch'
import { type PrepareContext, PreparedRecord, prepareRecord } from '../replay/prepare-record'
import { REPLAY_HEADERS } from '../resolutions/types'
import { dropIfIdle, giveBack, pooledBytes, takeBuffer } from './buffer-pool'
import { deadLetterOf } from './dead-letter-source'
import { DeadLetterTable } from './dead-letter-table'

const producer = { producerId: 1n, producerEpoch: 0, baseSequence: 0 }
const int32 = (n: number) => {
  const b = Buffer.alloc(4)
  b.writeInt32BE(n)
  return b
}

/** Dead letters as a DLQ holds them: Spring headers, a trace header, a null one, keys and values of every kind. */
const deadLetters: BatchRecord[] = Array.from({ length: 40 }, (_, i) => ({
  key: i % 7 === 3 ? null : Buffer.from(`key-${i}`),
  value: i % 11 === 5 ? null : Buffer.from(JSON.stringify({ n: i, text: 'é'.repeat(i) })),
  headers: [
    ['trace-id', Buffer.from(`t-${i}`)],
    ['kafka_dlt-original-topic', Buffer.from('orders')],
    ['kafka_dlt-original-partition', int32(i % 3)],
    ['kafka_dlt-exception-message', Buffer.from('boom '.repeat(i % 4))],
    ...(i % 5 === 0 ? ([['empty', Buffer.alloc(0)]] as [string, Buffer][]) : []),
  ],
}))

/** Two fetched "responses": batches of the records, the second starting at offset 100. */
function tableOf(wanted: (offset: bigint) => boolean = () => true): DeadLetterTable {
  const first = encodeRecordBatch(deadLetters.slice(0, 25), producer, 1n)
  const second = Buffer.from(encodeRecordBatch(deadLetters.slice(25), producer, 1n))
  second.writeBigInt64BE(100n, 0) // its base offset
  const table = new DeadLetterTable()
  expect(table.addBatches(0, Buffer.concat([first, second.subarray(0, 30)]), 0n, wanted)).toBe(25n) // truncated
  expect(table.addBatches(0, second, 100n, wanted)).toBe(115n)
  return table
}

const ctx = (over: Partial<PrepareContext> = {}): PrepareContext => ({
  jobId: 'job-1',
  dlqTopic: 'orders.DLT',
  by: 'otto',
  at: '2026-11-26T10:00:00.000Z',
  options: {},
  maxReplays: 3,
  explicit: true,
  partitionsOf: (t) => (t === 'orders' ? 3 : null),
  ...over,
})

describe('DeadLetterTable', () => {
  it('reads every field of every record as the buffers it was written from', () => {
    const table = tableOf()
    const offsets = [...Array.from({ length: 25 }, (_, i) => i), ...Array.from({ length: 15 }, (_, i) => 100 + i)]
    offsets.forEach((offset, i) => {
      const row = table.rowOf(0, String(offset))
      expect(row).toBeDefined()
      const view = table.viewOf(row!, String(offset))
      const want = deadLetters[i]!
      expect(view.key()).toEqual(want.key)
      expect(view.value()).toEqual(want.value)
      expect(view.keyLength()).toBe(want.key?.length ?? -1)
      expect(view.headerCount).toBe(want.headers.length)
      for (let h = 0; h < view.headerCount; h++) {
        expect(view.headerKey(h)).toBe(want.headers[h]![0])
        expect(view.headerValue(h)).toEqual(want.headers[h]![1])
      }
    })
    expect(table.rowOf(0, '25')).toBeUndefined()
    expect(table.rowOf(1, '0')).toBeUndefined()
  })

  it('reads the records of a compressed batch (gzip here) like those of an uncompressed one', () => {
    const plain = encodeRecordBatch(deadLetters, producer, 1n)
    const records = gzipSync(plain.subarray(61))
    const batch = Buffer.concat([plain.subarray(0, 61), records])
    batch.writeInt32BE(batch.length - 12, 8)
    batch.writeInt16BE(1, 21) // attributes: gzip
    const table = new DeadLetterTable()
    expect(table.addBatches(2, batch, 5n, () => true)).toBe(40n)
    expect(table.rows).toBe(35)
    const view = table.viewOf(table.rowOf(2, '39')!, '39')
    expect(view.value()).toEqual(deadLetters[39]!.value)
    expect(view.headerKey(1)).toBe('kafka_dlt-original-topic')
    expect(table.rowOf(2, '4')).toBeUndefined()
  })

  it('keeps only the wanted offsets', () => {
    const table = tableOf((o) => o % 2n === 0n)
    expect(table.rows).toBe(13 + 8)
    expect(table.rowOf(0, '3')).toBeUndefined()
    expect(table.viewOf(table.rowOf(0, '102')!, '102').value()).toEqual(deadLetters[27]!.value)
  })
})

describe('a prepared record', () => {
  it('encodes to exactly the bytes of the record it describes (the fast path equals the object one)', () => {
    const table = tableOf()
    for (const options of [{}, { keepKey: false, stripErrorHeaders: false }, { editedValue: '{"fixed":true}' }]) {
      const prepared = deadLetters.slice(0, 25).map((_, i) => {
        const p = prepareRecord(table.viewOf(table.rowOf(0, String(i))!, String(i)), ctx({ options }))
        if (!(p instanceof PreparedRecord)) throw new Error(`refused: ${JSON.stringify(p)}`)
        return p
      })
      const asObjects = prepared.map((p) => ({ key: p.key, value: p.value, headers: p.headers }))
      const fast = encodeRecordBatch(prepared, producer, 9n)
      expect(Buffer.from(fast)).toEqual(Buffer.from(encodeRecordBatch(asObjects, producer, 9n)))
      expect(prepared[0]!.approxBytes()).toBeGreaterThanOrEqual((fast.length - 61) / prepared.length - 8)
    }
  })

  it('is the same whether the dead letter comes from the table or from buffers', () => {
    const table = tableOf()
    const i = 11
    const fromTable = prepareRecord(table.viewOf(table.rowOf(0, String(i))!, String(i)), ctx())
    const want = deadLetters[i]!
    const fromBuffers = prepareRecord(
      deadLetterOf({
        partition: 0,
        offset: String(i),
        key: want.key,
        value: want.value,
        headers: want.headers.map(([k, v]) => [Buffer.from(k), v]),
      }),
      ctx(),
    )
    expect(fromTable.kind).toBe('send')
    if (!(fromTable instanceof PreparedRecord) || !(fromBuffers instanceof PreparedRecord)) return
    expect([fromTable.topic, fromTable.partition, fromTable.key, fromTable.value, fromTable.headers]).toEqual([
      fromBuffers.topic,
      fromBuffers.partition,
      fromBuffers.key,
      fromBuffers.value,
      fromBuffers.headers,
    ])
    expect(fromTable.headers.map(([k]) => k)).toEqual(['trace-id', ...Object.values(REPLAY_HEADERS)])
    expect(fromTable.partition).toBe(i % 3)
  })
})

describe('buffer pool', () => {
  it('drops its free buffers once unused for a while', () => {
    giveBack(takeBuffer(50_000))
    expect(pooledBytes()).toBeGreaterThan(0)
    dropIfIdle(Date.now() + 1_000)
    expect(pooledBytes()).toBeGreaterThan(0)
    dropIfIdle(Date.now() + 10_000)
    expect(pooledBytes()).toBe(0)
  })

  it('reuses a buffer given back, once, and ignores others', () => {
    const a = takeBuffer(100_000)
    expect(a.length).toBe(100_000)
    const before = pooledBytes()
    giveBack(a)
    expect(pooledBytes()).toBe(before + 131_072)
    giveBack(a) // twice: ignored
    expect(pooledBytes()).toBe(before + 131_072)
    const b = takeBuffer(70_000)
    expect(b.buffer).toBe(a.buffer)
    expect(pooledBytes()).toBe(before)
    giveBack(Buffer.alloc(131_072)) // not from the pool
    giveBack(b.subarray(10)) // not the start of a slab
    expect(pooledBytes()).toBe(before)
    giveBack(b)
  })
})
