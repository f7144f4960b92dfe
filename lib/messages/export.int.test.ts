import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import type { Producer } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { GET } from '@/app/api/clusters/[clusterId]/topics/[topic]/messages/export/route'
import { closeAllClients } from '@/lib/kafka/client'
import { createTopicsAndWait, testKafka, uniqueName, useTestCluster } from '../../test/test-cluster'
import { toExportQuery } from './export/export-query'
import { CSV_COLUMNS } from './export/format-row'
import type { ScanRequest } from './types'

// Exports go through the route handler and are read back as a browser would read the file.

const topic = uniqueName('export') // 3 partitions, 20,000 keyed JSON records
const big = uniqueName('export-big') // 3 partitions, 200,000 records of ~300 bytes (the memory check)
const COUNT = 20_000
const BIG = 200_000
const PARTITIONS = 3
const NOTE = 'a, "quoted"\nvalue' // every CSV special character, in every record
const PAD = 'x'.repeat(280)

let producer: Producer

const recordValue = (i: number) => ({ i, bucket: i % 7, note: NOTE })

async function produce(name: string, count: number, value: (i: number) => unknown, batch: number): Promise<void> {
  for (let start = 0; start < count; start += batch) {
    const messages = []
    for (let i = start; i < Math.min(count, start + batch); i++) {
      messages.push({ partition: i % PARTITIONS, key: `k-${i}`, value: JSON.stringify(value(i)) })
    }
    await producer.send({ topic: name, acks: -1, messages })
  }
}

beforeAll(async () => {
  useTestCluster()
  producer = testKafka().producer({ idempotent: true, maxInFlightRequests: 1 })
  await producer.connect()
  await createTopicsAndWait(inject('kafkaBootstrap').split(','), [
    { topic, numPartitions: PARTITIONS },
    { topic: big, numPartitions: PARTITIONS },
  ])
  await produce(topic, COUNT, recordValue, 5_000)
  await produce(big, BIG, (i) => ({ i, pad: PAD }), 3_000)
}, 120_000)

afterAll(async () => {
  await producer?.disconnect()
  await closeAllClients()
})

const base: ScanRequest = {
  start: { from: 'oldest' },
  direction: 'forward',
  limit: 1_000_000,
  maxScan: 10_000_000,
  maxMs: 120_000,
}

function call(name: string, query: URLSearchParams | string, signal?: AbortSignal): Promise<Response> {
  const url = `http://ferry.test/api/clusters/test/topics/${name}/messages/export?${query}`
  return GET(new Request(url, { signal }), { params: Promise.resolve({ clusterId: 'test', topic: name }) })
}

async function readAll(res: Response): Promise<string> {
  return await res.text()
}

/** The i of record (partition, offset): records went round-robin, so offset o of partition p is i = o * 3 + p. */
const indexOf = (partition: number, offset: string) => Number(offset) * PARTITIONS + partition

function expectPartitionOrder(rows: { partition: number; offset: string }[]): void {
  const last = new Map<number, number>()
  for (const r of rows) {
    const o = Number(r.offset)
    expect(o).toBe((last.get(r.partition) ?? -1) + 1)
    last.set(r.partition, o)
  }
}

/** An RFC 4180 reader (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i++
    } else field += c
  }
  return rows
}

describe('export', () => {
  it('streams every record as NDJSON, in partition order, with its content', async () => {
    const res = await call(topic, toExportQuery(base, 'ndjson'))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8')
    expect(res.headers.get('content-disposition')).toMatch(
      new RegExp(`^attachment; filename="${topic}-[\\dT-]+Z\\.ndjson"$`),
    )
    const text = await readAll(res)
    expect(text.endsWith('\n')).toBe(true)
    const rows = text
      .slice(0, -1)
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(rows).toHaveLength(COUNT)
    expectPartitionOrder(rows)
    for (const r of rows) {
      const i = indexOf(r.partition, r.offset)
      expect(r).toMatchObject({
        key: `k-${i}`,
        keyFormat: 'text',
        value: recordValue(i),
        valueFormat: 'json',
        headers: [],
      })
      expect(r.timestampType).toBe('CreateTime')
    }
    expect(new Set(rows.map((r) => r.key)).size).toBe(COUNT)
  })

  it('streams the same records as CSV', async () => {
    const res = await call(topic, toExportQuery(base, 'csv'))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toMatch(/\.csv"$/)
    const [header, ...rows] = parseCsv(await readAll(res))
    expect(header).toEqual([...CSV_COLUMNS])
    expect(rows).toHaveLength(COUNT)
    const objs = rows.map((r) => ({ partition: Number(r[0]), offset: r[1] as string, r }))
    expectPartitionOrder(objs)
    for (const { partition, offset, r } of objs) {
      const i = indexOf(partition, offset)
      expect(r[5]).toBe(`k-${i}`)
      expect(JSON.parse(r[7] as string)).toEqual(recordValue(i))
      expect(r[8]).toBe('json')
    }
  })

  it('exports exactly the records a CEL filter matches', async () => {
    const res = await call(topic, toExportQuery({ ...base, filter: { cel: 'value.bucket == 3' } }, 'ndjson'))
    const rows = (await readAll(res))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    const expected = Array.from({ length: COUNT }, (_, i) => i).filter((i) => i % 7 === 3)
    expect(rows).toHaveLength(expected.length)
    expect(rows.map((r) => r.value.i).sort((a, b) => a - b)).toEqual(expected)
    // Within a partition, the file keeps offset order (record i sits at offset i / 3).
    for (let p = 0; p < PARTITIONS; p++) {
      const offsets = rows.filter((r) => r.partition === p).map((r) => Number(r.offset))
      expect(offsets).toEqual([...offsets].sort((a, b) => a - b))
      expect(rows.filter((r) => r.partition === p).every((r) => indexOf(p, r.offset) === r.value.i)).toBe(true)
    }
  })

  it('stops at the limit, newest first when reading backward', async () => {
    const res = await call(
      topic,
      toExportQuery({ ...base, start: { from: 'newest' }, direction: 'backward', limit: 30 }, 'ndjson'),
    )
    const rows = (await readAll(res))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(rows).toHaveLength(30)
    // Backward reads merge the partitions newest first (by timestamp), as the explorer shows them.
    const stamps = rows.map((r) => r.timestamp)
    expect(stamps).toEqual([...stamps].sort((a, b) => b - a))
    expect(Math.max(...rows.map((r) => indexOf(r.partition, r.offset)))).toBeGreaterThanOrEqual(COUNT - PARTITIONS)
  })

  it('answers a bad query or topic with an error before streaming', async () => {
    const bad = await call(topic, 'format=xml&limit=2000000')
    expect(bad.status).toBe(422)
    expect((await bad.json()).error.code).toBe('invalid_input')
    const badCel = await call(topic, toExportQuery({ ...base, filter: { cel: 'value.i >' } }, 'csv'))
    expect(badCel.status).toBe(422)
    const missing = await call(uniqueName('nope'), toExportQuery(base, 'ndjson'))
    expect(missing.status).toBe(404)
  })

  it('stops the scan when the client goes away', async () => {
    const abort = new AbortController()
    const res = await call(big, toExportQuery(base, 'ndjson'), abort.signal)
    const reader = res.body?.getReader()
    expect((await reader?.read())?.done).toBe(false)
    abort.abort()
    const started = Date.now()
    await reader?.cancel()
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  it(`keeps the heap bounded while a slow reader takes ${BIG.toLocaleString('en')} records`, async () => {
    setFlagsFromString('--expose-gc')
    const gc = runInNewContext('gc') as () => void
    gc()
    const before = process.memoryUsage().heapUsed
    const res = await call(big, toExportQuery(base, 'ndjson'))
    const reader = res.body?.getReader()
    if (!reader) throw new Error('no body')
    let bytes = 0
    let lines = 0
    let chunks = 0
    let peak = 0
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      bytes += value.byteLength
      for (const b of value) if (b === 10) lines++
      // A slow consumer: if the scan ran ahead, its rounds would pile up in memory while this waits.
      await new Promise((r) => setTimeout(r, 2))
      if (++chunks % 20 === 0) {
        gc()
        peak = Math.max(peak, process.memoryUsage().heapUsed - before)
      }
    }
    expect(lines).toBe(BIG)
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`
    console.info(`export of ${BIG} records: ${mb(bytes)} streamed, live heap grew at most ${mb(peak)}`)
    // The file is ~70 MB; the scan holds about one fetch round (≤ 2 MB per partition, decoded) at a time.
    expect(bytes).toBeGreaterThan(60 * 1024 * 1024)
    expect(peak).toBeLessThan(40 * 1024 * 1024)
  })
})
