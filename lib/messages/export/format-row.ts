// Pure: one DecodedMessage as an NDJSON line or a CSV record, for file exports.
import type { Decoded, DecodedMessage } from '../types'

export type ExportFormat = 'ndjson' | 'csv'

/** How an exported payload is written: parsed JSON, UTF-8 text, the bytes as base64, or absent. */
export type PayloadEncoding = 'json' | 'text' | 'base64' | 'null'

export type ExportedPayload = { value: unknown; format: PayloadEncoding }

/**
 * A payload as it goes into a file. JSON (and MessagePack or Confluent JSON, already parsed) stays structured, text
 * stays text, everything else is the exact bytes as base64 — never the hex display rendering, which loses nothing
 * but is twice the size and not what tools expect.
 */
const STRUCTURED = new Set<Decoded['format']>(['json', 'msgpack', 'confluent', 'avro', 'protobuf', 'json-schema'])

export function exportedPayload(d: Decoded): ExportedPayload {
  if (d.format === 'null') return { value: null, format: 'null' }
  // Parsed payloads stay structured: JSON, MessagePack, and Confluent-framed ones (schema-decoded or JSON after the
  // header).
  if (d.json !== undefined && STRUCTURED.has(d.format)) return { value: d.json, format: 'json' }
  if (d.format === 'text' && d.text !== undefined) return { value: d.text, format: 'text' }
  return { value: d.base64, format: 'base64' }
}

export type ExportedRow = {
  partition: number
  offset: string
  timestamp: number
  timestampType: DecodedMessage['timestampType']
  key: unknown
  keyFormat: PayloadEncoding
  value: unknown
  valueFormat: PayloadEncoding
  headers: { key: string; value: unknown; format: PayloadEncoding }[]
}

export function exportedRow(m: DecodedMessage): ExportedRow {
  const key = exportedPayload(m.key)
  const value = exportedPayload(m.value)
  return {
    partition: m.partition,
    offset: m.offset,
    timestamp: m.timestamp,
    timestampType: m.timestampType,
    key: key.value,
    keyFormat: key.format,
    value: value.value,
    valueFormat: value.format,
    headers: m.headers.map((h) => {
      const v = exportedPayload(h.value)
      return { key: h.key, value: v.value, format: v.format }
    }),
  }
}

/** One NDJSON line (with its "\n"). JSON.stringify escapes newlines inside strings, so a line is one record. */
export function ndjsonLine(m: DecodedMessage): string {
  return `${JSON.stringify(exportedRow(m))}\n`
}

export const CSV_COLUMNS = [
  'partition',
  'offset',
  'timestamp',
  'time',
  'timestampType',
  'key',
  'keyFormat',
  'value',
  'valueFormat',
  'headers',
] as const

/** Spreadsheets run cells starting with these as formulas (CSV injection); a leading quote makes them text. */
const FORMULA_START = /^[=+\-@\t\r]/

/** One CSV field: formula-guarded, then quoted as RFC 4180 says when it holds a quote, comma or line break. */
export function csvField(raw: string): string {
  const s = FORMULA_START.test(raw) ? `'${raw}` : raw
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
}

const payloadCell = (p: ExportedPayload): string =>
  p.format === 'null' ? '' : p.format === 'json' ? JSON.stringify(p.value) : String(p.value)

/** The header record (CRLF-terminated, as RFC 4180 says). */
export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`
}

/** One CSV record (CRLF-terminated); JSON values and the headers list are JSON text in their cells. */
export function csvRecord(m: DecodedMessage): string {
  const row = exportedRow(m)
  const cells = [
    String(row.partition),
    row.offset,
    String(row.timestamp),
    Number.isFinite(row.timestamp) && Math.abs(row.timestamp) <= 8.64e15 ? new Date(row.timestamp).toISOString() : '',
    row.timestampType,
    payloadCell({ value: row.key, format: row.keyFormat }),
    row.keyFormat,
    payloadCell({ value: row.value, format: row.valueFormat }),
    row.valueFormat,
    row.headers.length > 0 ? JSON.stringify(row.headers) : '',
  ]
  return `${cells.map(csvField).join(',')}\r\n`
}
