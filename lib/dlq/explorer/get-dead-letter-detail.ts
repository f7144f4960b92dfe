import 'server-only'
import { ApiError } from '@/lib/errors'
import { fetchWatermarks } from '@/lib/kafka/fetch-watermarks'
import { applyMasking } from '@/lib/masking/apply-masking'
import { attachBytes, decodeRecord } from '@/lib/messages/decode/decode-record'
import type { DeadLetterDetail } from '../api-types'
import { deadLetterMetadataOf, decodedValueOf } from '../dead-letter-of-message'
import { freshDlqIndex } from '../index/dlq-index'
import { fetchRecordsAt } from './fetch-records-at'
import { rowOf } from './filter-rows'
import { filterContextOf } from './list-dead-letters'

/** GET /dlq/messages/[topic]/[partition]/[offset]: the dead letter decoded (masked), its metadata and its origin. */
export async function getDeadLetterDetail(
  clusterId: string,
  topic: string,
  partition: number,
  offset: string,
): Promise<DeadLetterDetail> {
  const index = await freshDlqIndex(clusterId, 500)
  const t = index.topics.get(topic)
  if (!t) throw new ApiError('not_found', `"${topic}" is not a dead-letter topic of cluster "${clusterId}"`)
  const p = t.partitions.find((x) => x.partition === partition)
  if (!p) throw new ApiError('not_found', `"${topic}" has no partition ${partition}`)
  const n = Number(offset)
  const rec = (await fetchRecordsAt(index, topic, partition, [n])).get(n)
  if (!rec) throw new ApiError('not_found', `No record at offset ${offset} of "${topic}" partition ${partition}`)
  const decoded = attachBytes(decodeRecord(partition, rec.batch, rec.record, {}, false), rec.record)
  // Everything returned is read from the masked message: nothing unmasked leaves the server.
  const message = applyMasking(clusterId, topic, decoded)
  const metadata = deadLetterMetadataOf(message)
  const i = p.columns.indexOf(n)
  const resolution = index.resolutions.resolutionOf(topic, partition, n)
  const row =
    i >= 0
      ? rowOf(filterContextOf(index), { t, p, i, r: resolution })
      : {
          // Not indexed yet (the index is catching up): the row from the record itself.
          dlqTopic: topic,
          partition,
          offset,
          timestamp: new Date(decoded.timestamp).toISOString(),
          status: resolution?.status ?? ('pending' as const),
          style: metadata.style,
          source: { topic: metadata.source.topic ?? t.sourceTopic, ...pick(metadata.source) },
          error: {
            type: metadata.error.type,
            message: metadata.error.message,
            fingerprint: metadata.error.fingerprint,
          },
          attempts: metadata.attempts,
          replayCount: resolution?.replayCount ?? 0,
        }
  // The exact (int64) source coordinates come from the record, not the index's float columns.
  row.source = { topic: metadata.source.topic ?? t.sourceTopic, ...pick(metadata.source) }
  if (decoded.key.text !== undefined && decoded.key.format !== 'null') row.key = message.key.text?.slice(0, 200)
  // The error as this record's masked headers/value tell it (the index's sample is unmasked and per group).
  row.error = { ...row.error, type: metadata.error.type, message: metadata.error.message }
  return {
    row,
    message,
    metadata: { ...metadata, originalValue: undefined },
    originalValue: metadata.originalValue !== undefined ? metadata.originalValue : decodedValueOf(message),
    sourceLink: await sourceLinkOf(clusterId, row.source),
  }
}

function pick(s: { partition?: number; offset?: string }) {
  return { partition: s.partition, offset: s.offset }
}

async function sourceLinkOf(
  clusterId: string,
  s: { topic?: string; partition?: number; offset?: string },
): Promise<DeadLetterDetail['sourceLink']> {
  if (s.topic === undefined || s.partition === undefined || s.offset === undefined) return undefined
  const marks = await fetchWatermarks(clusterId, [{ topic: s.topic, partitions: [s.partition] }]).catch(() => null)
  const m = marks?.get(s.topic)?.find((x) => x.partition === s.partition)
  const o = BigInt(s.offset)
  const exists = m !== undefined && o >= BigInt(m.low) && o < BigInt(m.high)
  return { topic: s.topic, partition: s.partition, offset: s.offset, exists }
}
