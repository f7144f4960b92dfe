// Pure: the planning of a purge, unit-tested without a broker.
import type { PurgePartitionPlan, PurgeTopicRequest } from './types'

export type Watermarks = { partition: number; low: string; high: string }

/**
 * Per chosen partition, where its log would start after DeleteRecords and how many records go. An offset above the
 * high watermark is clamped to it (Kafka refuses offsets past the end: OFFSET_OUT_OF_RANGE); one at or below the low
 * watermark deletes nothing. Unknown partitions are an error naming them.
 */
export function planPurgeRows(marks: readonly Watermarks[], request: PurgeTopicRequest): PurgePartitionPlan[] {
  const known = new Set(marks.map((m) => m.partition))
  const unknown = (request.partitions ?? []).filter((p) => !known.has(p))
  if (unknown.length > 0) throw new RangeError(`The topic has no partition ${unknown.join(', ')}`)
  const wanted = request.partitions ? new Set(request.partitions) : null
  const before = request.beforeOffset ?? 'high-watermark'
  return marks
    .filter((m) => !wanted || wanted.has(m.partition))
    .sort((a, b) => a.partition - b.partition)
    .map((m) => {
      const low = BigInt(m.low)
      const high = BigInt(m.high)
      const asked = before === 'high-watermark' ? high : BigInt(before)
      const target = asked > high ? high : asked < low ? low : asked
      return {
        partition: m.partition,
        lowBefore: m.low,
        highBefore: m.high,
        target: target.toString(),
        deleted: (target - low).toString(),
      }
    })
}

export const totalDeleted = (rows: readonly { deleted: string }[]): string =>
  rows.reduce((sum, r) => sum + BigInt(r.deleted), 0n).toString()
