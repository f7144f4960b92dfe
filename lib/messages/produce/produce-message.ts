import 'server-only'
import { createHash } from 'node:crypto'
import type { IHeaders } from 'kafkajs'
import { recordAudit } from '@/lib/audit/record-audit'
import type { JsonValue } from '@/lib/audit/types'
import { ApiError } from '@/lib/errors'
import { assertWritable, failureText } from '@/lib/groups/actions/guards'
import { sendRecords, withAdmin } from '@/lib/kafka/client'
import { toApiError } from '@/lib/kafka/errors'
import { checkJson, describeJsonError } from './json-check'
import type { ProduceHeader, ProduceRequest, ProduceResult } from './types'

/** Kafka's default max.message.bytes is about 1 MiB; Ferry refuses bigger records before sending anything. */
export const MAX_PRODUCE_BYTES = 1024 * 1024
// The audit record keeps the key (it names the record) but not a huge one.
const MAX_AUDITED_KEY_CHARS = 256

type ProduceOptions = { maxBytes?: number }

/**
 * Writes one record to a topic with the cluster's shared producer (idempotent, acks=all) and audits it. Refused on a
 * read-only cluster (403), above the size limit (413), for invalid JSON in JSON mode (422 with the position), for an
 * unknown topic (404) and a partition the topic does not have (422). Without a partition, the key picks it exactly
 * as the Java client does (murmur2); a null key spreads records round-robin.
 */
export async function produceMessage(
  clusterId: string,
  topic: string,
  request: ProduceRequest,
  actor: string,
  options: ProduceOptions = {},
): Promise<ProduceResult> {
  assertWritable(clusterId)
  const key = request.key ?? null
  const { value, headers } = request
  const maxBytes = options.maxBytes ?? MAX_PRODUCE_BYTES
  const size = recordBytes(key, value, headers)
  if (size > maxBytes)
    throw new ApiError(
      'payload_too_large',
      `The record is ${formatBytes(size)} (key, value and headers); Ferry produces records of at most ${formatBytes(maxBytes)}.`,
      { size, maxBytes },
    )
  if (request.valueFormat === 'json' && value !== null) {
    const error = checkJson(value)
    if (error)
      throw new ApiError('invalid_input', `The value is not valid JSON: ${describeJsonError(error)}`, {
        json: error,
      })
  }
  const partitions = await partitionCountOf(clusterId, topic)
  if (request.partition !== undefined && request.partition >= partitions)
    throw new ApiError(
      'invalid_input',
      `Topic "${topic}" has ${partitions === 1 ? '1 partition (0)' : `${partitions} partitions (0–${partitions - 1})`}; partition ${request.partition} does not exist.`,
      { partitions },
    )

  const params = auditParams(key, value, request, size)
  const audit = (result: 'ok' | 'error', extra: Record<string, JsonValue>, summary: string, error?: string) =>
    recordAudit(clusterId, {
      actor,
      action: 'topic.produce',
      target: { topic },
      params: { ...params, ...extra },
      result,
      ...(error ? { error } : {}),
      summary,
    })

  const timestamp = Date.now()
  let written: { partition: number; offset: string; logAppendTime: number }
  try {
    const [meta] = await sendRecords(clusterId, {
      topic,
      acks: -1,
      messages: [
        {
          key,
          value,
          headers: toKafkaHeaders(headers),
          timestamp: String(timestamp),
          ...(request.partition === undefined ? {} : { partition: request.partition }),
        },
      ],
    })
    if (!meta) throw new Error('Kafka acknowledged the write without naming its partition')
    written = {
      partition: meta.partition,
      offset: meta.baseOffset ?? meta.offset ?? '',
      logAppendTime: Number(meta.logAppendTime ?? '-1'),
    }
  } catch (err) {
    const e = await produceErrorOf(err, clusterId, topic)
    const status = await audit('error', {}, `Failed to produce a record to "${topic}"`, failureText(e))
    throw new ApiError(e.code, e.message, { ...(e.details as object), audit: status })
  }
  const status = await audit(
    'ok',
    { partition: written.partition, offset: written.offset },
    `Produced a record of ${formatBytes(size)} to "${topic}" partition ${written.partition} at offset ${written.offset}`,
  )
  return {
    topic,
    partition: written.partition,
    offset: written.offset,
    ...(written.logAppendTime >= 0
      ? { timestamp: written.logAppendTime, timestampType: 'LogAppendTime' as const }
      : { timestamp, timestampType: 'CreateTime' as const }),
    audit: status,
  }
}

/** The topic's partition count; 404 when it does not exist. */
async function partitionCountOf(clusterId: string, topic: string): Promise<number> {
  return withAdmin(clusterId, async (admin) => {
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] })
      const found = topics.find((t) => t.name === topic)
      if (!found || found.partitions.length === 0) throw notFound(clusterId, topic)
      return found.partitions.length
    } catch (err) {
      if (typeOf(err) === 'UNKNOWN_TOPIC_OR_PARTITION') throw notFound(clusterId, topic)
      throw err
    }
  })
}

const notFound = (clusterId: string, topic: string) =>
  new ApiError('not_found', `Topic "${topic}" does not exist on cluster "${clusterId}"`)

/** Kafka's refusals of a write, in words; the rest as toApiError maps them. */
async function produceErrorOf(err: unknown, clusterId: string, topic: string): Promise<ApiError> {
  if (err instanceof ApiError) return err
  const type = typeOf(err)
  if (type === 'MESSAGE_TOO_LARGE' || type === 'RECORD_LIST_TOO_LARGE')
    return new ApiError(
      'payload_too_large',
      `Kafka refused the record as too large (${type}): it is bigger than topic "${topic}" accepts (max.message.bytes, or the broker's message.max.bytes).`,
      { kafkaError: type },
    )
  if (type === 'UNKNOWN_TOPIC_OR_PARTITION') {
    // Deleted between the check and the write (→ 404); sendRecords already replaced a producer broken by another
    // deleted topic, so a topic still there is a genuine failure, reported as Kafka gave it.
    const stillThere = await partitionCountOf(clusterId, topic).catch((e: unknown) => e)
    if (stillThere instanceof ApiError) return stillThere
  }
  if (type === 'INVALID_RECORD' || type === 'CORRUPT_MESSAGE')
    return new ApiError('invalid_input', `Kafka refused the record (${type}).`, { kafkaError: type })
  return toApiError(findCause(err, (e) => typeof e.type === 'string') ?? err, { clusterId })
}

type ErrorLike = { type?: string; cause?: unknown; originalError?: unknown; errors?: unknown[] }

/** The first error in kafkajs' wrappers (retries exhausted, non-retriable, aggregate) that matches. */
function findCause(err: unknown, match: (e: ErrorLike) => boolean, depth = 0): ErrorLike | undefined {
  if (!err || typeof err !== 'object' || depth > 8) return undefined
  const e = err as ErrorLike
  if (match(e)) return e
  for (const next of [e.originalError, e.cause, ...(Array.isArray(e.errors) ? e.errors : [])]) {
    const found = findCause(next, match, depth + 1)
    if (found) return found
  }
  return undefined
}

const typeOf = (err: unknown) => findCause(err, (e) => typeof e.type === 'string')?.type

/**
 * kafkajs takes headers as an object: repeated names become arrays, so the wire order is grouped by name (first
 * occurrence). Records keep every header, and a name's values keep their order.
 */
function toKafkaHeaders(headers: ProduceHeader[]): IHeaders {
  // A Map, not an object literal: a header named "__proto__" must stay a header.
  const byName = new Map<string, string[]>()
  for (const h of headers) byName.set(h.key, [...(byName.get(h.key) ?? []), h.value])
  return Object.fromEntries([...byName].map(([k, v]) => [k, v.length === 1 ? (v[0] as string) : v]))
}

/** Key, value and header bytes: what the record carries (Kafka adds a few dozen bytes of framing). */
function recordBytes(key: string | null, value: string | null, headers: ProduceHeader[]): number {
  const bytes = (s: string | null) => (s === null ? 0 : Buffer.byteLength(s, 'utf8'))
  return bytes(key) + bytes(value) + headers.reduce((n, h) => n + bytes(h.key) + bytes(h.value), 0)
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex')

/**
 * What the audit keeps: the key (it names the record), and of the value and header values only their size and
 * SHA-256, so secrets in payloads never land in the audit topic while a record can still be matched to its entry.
 */
function auditParams(
  key: string | null,
  value: string | null,
  request: ProduceRequest,
  size: number,
): Record<string, JsonValue> {
  return {
    key: key === null ? null : key.slice(0, MAX_AUDITED_KEY_CHARS),
    ...(key !== null && key.length > MAX_AUDITED_KEY_CHARS ? { keyTruncated: true, keySha256: sha256(key) } : {}),
    valueFormat: request.valueFormat,
    valueBytes: value === null ? null : Buffer.byteLength(value, 'utf8'),
    valueSha256: value === null ? null : sha256(value),
    headers: request.headers.map((h) => ({
      key: h.key,
      valueBytes: Buffer.byteLength(h.value, 'utf8'),
      valueSha256: sha256(h.value),
    })),
    requestedPartition: request.partition ?? null,
    recordBytes: size,
  }
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n % 1024 === 0 ? 0 : 1)} KiB`
  return `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 2)} MiB`
}
