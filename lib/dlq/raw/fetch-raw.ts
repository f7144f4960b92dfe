import 'server-only'
import {
  type Connection,
  createAPI,
  fetchV12,
  type Reader,
  ResponseError,
  readKnownTaggedFields,
} from '@platformatic/kafka'
import { type FetchAsk, fetchTopicsOf, responseOfError } from '@/lib/messages/scan/fetch-round'
import { takeBuffer } from './buffer-pool'
import { type ReplayFetched, readBatches } from './read-record-batch'

export type { ReplayFetched } from './read-record-batch'

// Fetch v12 for the replay's reads: the response skeleton parsed as @platformatic/kafka's own v12 parser does, the
// records bytes by read-record-batch.ts (views of the response buffer instead of the library's per-field objects).

export type RawFetchedPartition = {
  partition: number
  errorCode: number
  records: ReplayFetched[]
  /** The offset after the last batch returned (control batches included), or the asked offset when none came. */
  next: bigint
  high: bigint
}
/** Takes a partition's records bytes as fetched from `from`; returns the offset after its last whole batch. */
export type BatchSink = (partition: number, bytes: Buffer, from: bigint) => bigint

type Parsed = { responses: { topic: string; partitions: ParsedPartition[] }[] }
type ParsedPartition = { partition: number; errorCode: number; high: bigint; records: Buffer | null }

const REQUEST_MAX_BYTES = 16 * 1024 * 1024

/**
 * The response's records bytes [start, start + size) copied into a pooled buffer (the response arrives as many
 * socket chunks, so the records of a partition are copied out once either way).
 */
function copyOut(from: Reader['buffer'], start: number, size: number): Buffer {
  const out = takeBuffer(size)
  let at = 0
  let skip = start
  for (const b of from.buffers) {
    if (at >= size) break
    if (skip >= b.length) {
      skip -= b.length
      continue
    }
    at += b.copy(out, at, skip, Math.min(b.length, skip + size - at))
    skip = 0
  }
  if (at !== size) throw new Error(`Fetch response shorter than its records (${at} of ${size} bytes)`)
  return out
}

function parseResponse(
  pooled: boolean,
  _correlationId: number,
  apiKey: number,
  apiVersion: number,
  reader: Reader,
): Parsed {
  const errors: [string, [number, null]][] = []
  reader.readInt32() // throttle
  const errorCode = reader.readInt16()
  if (errorCode !== 0) errors.push(['/', [errorCode, null]])
  reader.readInt32() // session
  const response: Parsed = {
    responses: reader.readArray((r, i) => ({
      topic: r.readString() as string,
      partitions: r.readArray(
        (r, j): ParsedPartition => {
          const partition = r.readInt32()
          const code = r.readInt16()
          const high = r.readInt64()
          r.readInt64() // last stable
          r.readInt64() // log start
          r.readNullableArray((r) => {
            r.readInt64()
            r.readInt64()
          })
          r.readInt32() // preferred read replica
          if (code !== 0) errors.push([`/responses/${i}/partitions/${j}`, [code, null]])
          let size = r.readUnsignedVarInt()
          let records: Buffer | null = null
          if (size > 1) {
            size--
            records = pooled ? copyOut(r.buffer, r.position, size) : r.buffer.slice(r.position, r.position + size)
            r.skip(size)
          }
          readKnownTaggedFields(r, {})
          return { partition, errorCode: code, high, records }
        },
        true,
        false,
      ),
    })),
  }
  readKnownTaggedFields(reader, {})
  if (errors.length) throw new ResponseError(apiKey, apiVersion, Object.fromEntries(errors), response)
  return response
}

const rawFetchV12 = createAPI<Parameters<typeof fetchV12.createRequest>, Parsed>(
  1,
  12,
  fetchV12.createRequest,
  (...args) => parseResponse(false, ...args),
)
/** The same, its records bytes in pooled buffers (the caller gives them back). */
const pooledFetchV12 = createAPI<Parameters<typeof fetchV12.createRequest>, Parsed>(
  1,
  12,
  fetchV12.createRequest,
  (...args) => parseResponse(true, ...args),
)

/**
 * One Fetch (maxWait 0, minBytes 0) of one topic's partitions from their leader. With a `sink`, the records bytes go
 * there instead of being decoded into `records` (left empty), in pooled buffers the sink owns (buffer-pool.ts) unless
 * `pooled` is false.
 */
export async function fetchRaw(
  connection: Connection,
  topic: string,
  asks: FetchAsk[],
  sink?: BatchSink,
  pooled = true,
): Promise<RawFetchedPartition[]> {
  const response = await (sink && pooled ? pooledFetchV12 : rawFetchV12)
    .async(connection, 0, 0, REQUEST_MAX_BYTES, 0, 0, -1, fetchTopicsOf(topic, asks), [], '')
    .catch(responseOfError<Parsed>)
  const out: RawFetchedPartition[] = []
  for (const t of response.responses) {
    for (const p of t.partitions) {
      const ask = asks.find((a) => a.partition === p.partition)
      if (!ask) continue
      const records: ReplayFetched[] = []
      let next = ask.offset
      if (p.records)
        next = sink ? sink(p.partition, p.records, ask.offset) : readBatches(p.records, ask.offset, records)
      out.push({ partition: p.partition, errorCode: p.errorCode, records, next, high: p.high })
    }
  }
  return out
}
