import 'server-only'
import { type Connection, fetchV12 } from '@platformatic/kafka'
import type { RawBatch, RawRecord } from '../decode/decode-record'

// One Fetch per leader (no consumer group, no session): maxWait 0 / minBytes 0 answers at once with what is there.
// A live tail passes a broker-side wait instead, so an idle topic costs one request per maxWait, not a busy loop.

export type FetchAsk = { partition: number; offset: bigint; maxBytes: number }
export type FetchedRecord = { batch: RawBatch; record: RawRecord; offset: bigint }
export type FetchedPartition = {
  partition: number
  errorCode: number
  records: FetchedRecord[]
  /** The offset after the last batch returned (control batches included), or the asked offset when none came. */
  next: bigint
  /** The partition's high watermark, when a broker answered. */
  high?: bigint
}

const REQUEST_MAX_BYTES = 16 * 1024 * 1024
const CONTROL_BATCH = 1 << 5

type FetchResponse = Awaited<ReturnType<typeof fetchV12.api.async>>

export type FetchWait = { maxWaitMs: number; minBytes: number }
const NO_WAIT: FetchWait = { maxWaitMs: 0, minBytes: 0 }

/** The Fetch v12 request's topics: one topic, each asked partition from its offset (no leader epoch checks). */
export function fetchTopicsOf(topic: string, asks: FetchAsk[]) {
  return [
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
}

export async function fetchRound(
  connection: Connection,
  topic: string,
  asks: FetchAsk[],
  wait: FetchWait = NO_WAIT,
): Promise<FetchedPartition[]> {
  const response = await fetchV12.api
    .async(connection, wait.maxWaitMs, wait.minBytes, REQUEST_MAX_BYTES, 0, 0, -1, fetchTopicsOf(topic, asks), [], '')
    .catch(responseOfError<FetchResponse>)
  const out: FetchedPartition[] = []
  for (const t of response.responses) {
    for (const p of t.partitions) {
      const ask = asks.find((a) => a.partition === p.partitionIndex)
      if (!ask) continue
      const records: FetchedRecord[] = []
      let next = ask.offset
      for (const batch of p.records ?? []) {
        const batchEnd = batch.firstOffset + BigInt(batch.lastOffsetDelta) + 1n
        if (batchEnd > next) next = batchEnd
        if (batch.attributes & CONTROL_BATCH) continue
        for (const record of batch.records) {
          const offset = batch.firstOffset + BigInt(record.offsetDelta)
          // Kafka answers with whole batches: the first may start before the asked offset.
          if (offset >= ask.offset) records.push({ batch, record, offset })
        }
      }
      out.push({ partition: p.partitionIndex, errorCode: p.errorCode, records, next, high: p.highWatermark })
    }
  }
  return out
}

/** A Fetch with per-partition errors still carries the other partitions' records; anything else is rethrown. */
export function responseOfError<R extends { responses: unknown } = FetchResponse>(err: unknown): R {
  const response = (err as { response?: R }).response
  if (response?.responses && (err as { code?: string }).code === 'PLT_KFK_RESPONSE') return response
  throw err
}
