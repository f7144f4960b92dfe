import 'server-only'
import { ApiError } from '@/lib/errors'
import { type FetchedRecord, fetchRound } from '@/lib/messages/scan/fetch-round'
import type { DlqIndex } from '../index/dlq-index'
import { layoutOf } from '../index/read-partitions'

const MAX_BYTES = 1024 * 1024

/**
 * The records at the given offsets of one partition (ascending), with raw Fetch from the index's connections. Runs
 * of near offsets come in one Fetch; an offset that is gone (retention) is simply absent from the answer.
 */
export async function fetchRecordsAt(
  index: DlqIndex,
  topic: string,
  partition: number,
  offsets: number[],
): Promise<Map<number, FetchedRecord>> {
  const out = new Map<number, FetchedRecord>()
  if (offsets.length === 0) return out
  const wanted = [...offsets].sort((a, b) => a - b)
  const layout = await layoutOf(index.clusterId, [topic])
  const leader = layout.leaders.get(topic)?.get(partition)
  const broker = leader === undefined ? undefined : layout.brokers.get(leader)
  if (!broker) throw new ApiError('not_found', `Partition ${partition} of "${topic}" has no leader`)
  const connection = await index.pool.get(broker)
  let k = 0
  while (k < wanted.length) {
    const from = wanted[k] as number
    const [fetched] = await fetchRound(connection, topic, [{ partition, offset: BigInt(from), maxBytes: MAX_BYTES }])
    if (fetched?.errorCode !== 0) {
      if (fetched?.errorCode === 1) {
        k++ // below the log start or beyond the end: that offset is gone
        continue
      }
      throw new ApiError('broker_unavailable', `Kafka error ${fetched?.errorCode} reading "${topic}"/${partition}`)
    }
    for (const r of fetched.records) out.set(Number(r.offset), r)
    const reached = Number(fetched.next)
    const before = k
    while (k < wanted.length && (wanted[k] as number) < reached) k++
    if (k === before) k++ // nothing came back for this offset
  }
  return out
}
