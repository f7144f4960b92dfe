// Pure: one record of a fetched batch as a DecodedMessage.
import type { DecodedMessage, PayloadFormat } from '../types'
import { base64Of, decodeHeaderValue, decodePayload, textOf } from './decode-payload'

/** The parts of a record batch (magic v2) and of one of its records that are read here. */
export type RawBatch = { firstOffset: bigint; attributes: number; firstTimestamp: bigint; maxTimestamp: bigint }
export type RawRecord = {
  length: number
  offsetDelta: number
  timestampDelta: bigint
  key: Buffer | null
  value: Buffer | null
  headers: [Buffer | null, Buffer | null][]
}

const COMPRESSION = [undefined, 'gzip', 'snappy', 'lz4', 'zstd'] as const
const LOG_APPEND_TIME = 1 << 3

export function timestampOf(batch: RawBatch, record: RawRecord): number {
  return Number(batch.attributes & LOG_APPEND_TIME ? batch.maxTimestamp : batch.firstTimestamp + record.timestampDelta)
}

export function decodeRecord(
  partition: number,
  batch: RawBatch,
  record: RawRecord,
  formats: { key?: PayloadFormat; value?: PayloadFormat },
  withBytes = true,
): DecodedMessage {
  return {
    partition,
    offset: (batch.firstOffset + BigInt(record.offsetDelta)).toString(),
    timestamp: timestampOf(batch, record),
    timestampType: batch.attributes & LOG_APPEND_TIME ? 'LogAppendTime' : 'CreateTime',
    key: decodePayload(record.key, formats.key, withBytes),
    value: decodePayload(record.value, formats.value, withBytes),
    headers: record.headers.map(([k, v]) => ({
      key: k === null ? '' : (textOf(k, false) ?? k.toString('hex')),
      value: decodeHeaderValue(v, withBytes),
    })),
    sizeBytes: record.length,
    compression: COMPRESSION[batch.attributes & 7],
  }
}

/** Fills in the bytes (base64) of a message decoded with withBytes: false, from the same record. */
export function attachBytes(message: DecodedMessage, record: RawRecord): DecodedMessage {
  if (!message.key.base64) message.key.base64 = base64Of(record.key)
  if (!message.value.base64) message.value.base64 = base64Of(record.value)
  message.headers.forEach((h, i) => {
    if (!h.value.base64) h.value.base64 = base64Of(record.headers[i]?.[1])
  })
  return message
}
