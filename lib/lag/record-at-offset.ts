// Pure: picks a record out of the record batches a Fetch returned. Kafka answers a Fetch with whole batches, so the
// first batch may start before the offset asked for.

/** The part of a record batch (magic v2) this module reads; @platformatic/kafka's RecordsBatch fits it. */
export type BatchLike = {
  firstOffset: bigint
  attributes: number
  firstTimestamp: bigint
  maxTimestamp: bigint
  records: { offsetDelta: number; timestampDelta: bigint }[]
}

const LOG_APPEND_TIME = 1 << 3
const CONTROL_BATCH = 1 << 5

/**
 * Offset and timestamp (epoch ms) of the first data record at or after `offset`, or null when the batches hold none.
 * Transaction markers (control batches) are skipped. In a LogAppendTime topic every record of a batch carries the
 * broker's append time, which the batch keeps in maxTimestamp.
 */
export function recordAtOrAfter(batches: BatchLike[], offset: bigint): { offset: bigint; timestamp: bigint } | null {
  for (const batch of batches) {
    if (batch.attributes & CONTROL_BATCH) continue
    for (const record of batch.records) {
      const at = batch.firstOffset + BigInt(record.offsetDelta)
      if (at < offset) continue
      const timestamp =
        batch.attributes & LOG_APPEND_TIME ? batch.maxTimestamp : batch.firstTimestamp + BigInt(record.timestampDelta)
      return { offset: at, timestamp }
    }
  }
  return null
}
