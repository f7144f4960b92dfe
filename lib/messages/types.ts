// Shared by server and browser: the message explorer's contract. No imports.

export type PayloadFormat = 'auto' | 'text' | 'json' | 'hex' | 'base64' | 'msgpack'

export type ScanStart =
  | { from: 'newest' }
  | { from: 'oldest' }
  | { from: 'offset'; offset: string }
  | { from: 'timestamp'; timestamp: number }
  | { from: 'group'; groupId: string }

export type ScanRequest = {
  /** Partitions to read; all when absent. */
  partitions?: number[]
  start: ScanStart
  /** 'backward' reads towards older records and shows the newest first. */
  direction: 'forward' | 'backward'
  /** Matching messages to return (1..10,000). */
  limit: number
  /** Messages to look at, matching or not. */
  maxScan: number
  /** Wall-clock bound of the scan. */
  maxMs: number
  filter?: { cel?: string; contains?: string }
  keyFormat?: PayloadFormat
  valueFormat?: PayloadFormat
}

export const SCAN_DEFAULTS = { limit: 100, maxScan: 100_000, maxMs: 30_000 } as const
export const SCAN_BOUNDS = { limit: 10_000, maxScan: 10_000_000, maxMs: 300_000 } as const

/**
 * How a payload was read. 'confluent': Schema Registry wire format (magic byte 0 + schema id), bytes kept;
 * 'avro' | 'protobuf' | 'json-schema': that wire format decoded through the cluster's Schema Registry.
 */
export type DecodedFormat =
  | 'null'
  | 'text'
  | 'json'
  | 'msgpack'
  | 'confluent'
  | 'avro'
  | 'protobuf'
  | 'json-schema'
  | 'hex'
  | 'base64'

export type Decoded = {
  format: DecodedFormat
  /** Display text: the UTF-8 text, JSON source, msgpack as JSON, or the hex / base64 rendering of binary bytes. */
  text?: string
  /** Parsed value for 'json' and 'msgpack' (and a JSON payload after a Confluent header). */
  json?: unknown
  /** The raw bytes, always ('' for null). */
  base64: string
  /** Why the requested (or detected) format could not be applied; the bytes are still there. */
  error?: string
  schemaId?: number
  /** The registry subject the schema id belongs to, when the registry says. */
  subject?: string
  size: number
}

export type DecodedHeader = { key: string; value: Decoded }

export type DecodedMessage = {
  partition: number
  offset: string
  /** Epoch ms. */
  timestamp: number
  timestampType: 'CreateTime' | 'LogAppendTime'
  key: Decoded
  value: Decoded
  headers: DecodedHeader[]
  sizeBytes: number
  compression?: 'gzip' | 'snappy' | 'lz4' | 'zstd'
}

export type StopReason = 'limit' | 'maxScan' | 'maxMs' | 'end' | 'cancelled'

export type PartitionPosition = {
  partition: number
  /** Next offset to read (forward) or the lowest offset read so far (backward). */
  offset: string
  /** Where this partition's scan ends: the high watermark (forward) or the low watermark (backward). */
  end: string
}

export type ScanProgress = {
  scanned: number
  matched: number
  ratePerSec: number
  positions: PartitionPosition[]
  /** Filter evaluations that failed (counted as non-matches). */
  filterErrors?: number
  done: boolean
  stopReason?: StopReason
}
