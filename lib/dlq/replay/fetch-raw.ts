import 'server-only'
import {
  type Connection,
  createAPI,
  fetchV12,
  type Reader,
  ResponseError,
  readKnownTaggedFields,
} from '@platformatic/kafka'
import { responseOfError } from '@/lib/messages/scan/fetch-round'
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
export type FetchAsk = { partition: number; offset: bigint; maxBytes: number }

type Parsed = { responses: { topic: string; partitions: ParsedPartition[] }[] }
type ParsedPartition = { partition: number; errorCode: number; high: bigint; records: Buffer | null }

const REQUEST_MAX_BYTES = 16 * 1024 * 1024

function parseResponse(_correlationId: number, apiKey: number, apiVersion: number, reader: Reader): Parsed {
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
            records = r.buffer.slice(r.position, r.position + size)
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
  parseResponse,
)

/** One Fetch (maxWait 0, minBytes 0) of one topic's partitions from their leader. */
export async function fetchRaw(
  connection: Connection,
  topic: string,
  asks: FetchAsk[],
): Promise<RawFetchedPartition[]> {
  const request = [
    {
      topicId: topic,
      partitions: asks.map((a) => ({
        partition: a.partition,
        currentLeaderEpoch: -1,
        fetchOffset: a.offset,
        lastFetchedEpoch: -1,
        partitionMaxBytes: a.maxBytes,
      })),
    },
  ]
  const response = await rawFetchV12
    .async(connection, 0, 0, REQUEST_MAX_BYTES, 0, 0, -1, request, [], '')
    .catch(responseOfError<Parsed>)
  const out: RawFetchedPartition[] = []
  for (const t of response.responses) {
    for (const p of t.partitions) {
      const ask = asks.find((a) => a.partition === p.partition)
      if (!ask) continue
      const records: ReplayFetched[] = []
      const next = p.records ? readBatches(p.records, ask.offset, records) : ask.offset
      out.push({ partition: p.partition, errorCode: p.errorCode, records, next, high: p.high })
    }
  }
  return out
}
