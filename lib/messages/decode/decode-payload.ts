// Pure: turns a key, value or header payload into something a person can read, never losing the bytes.
import { decode as decodeMsgpack } from '@msgpack/msgpack'
import type { Decoded, PayloadFormat } from '../types'

const utf8 = new TextDecoder('utf-8', { fatal: true })
/** Confluent Schema Registry wire format: magic byte 0, then a 4-byte big-endian schema id. */
const CONFLUENT_HEADER = 5

/**
 * Decodes one payload in the requested format ('auto' detects). A failure keeps the bytes and says why.
 * `withBytes: false` leaves `base64` empty: a scan fills it in only for the messages that match (see base64Of).
 */
export function decodePayload(
  bytes: Uint8Array | null | undefined,
  format: PayloadFormat = 'auto',
  withBytes = true,
): Decoded {
  if (bytes === null || bytes === undefined) return { format: 'null', base64: '', size: 0 }
  const base64 = withBytes || format === 'base64' ? base64Of(bytes) : ''
  const base = { base64, size: bytes.byteLength }
  switch (format) {
    case 'hex':
      return { ...base, format: 'hex', text: hexOf(bytes) }
    case 'base64':
      return { ...base, format: 'base64', text: base64 }
    case 'text': {
      const text = textOf(bytes, false)
      return text === null ? binary(bytes, base, 'not valid UTF-8') : { ...base, format: 'text', text }
    }
    case 'json': {
      const text = textOf(bytes, false)
      if (text === null) return binary(bytes, base, 'not valid UTF-8, so not JSON')
      const parsed = parseJson(text)
      return parsed.ok
        ? { ...base, format: 'json', text, json: parsed.value }
        : { ...base, format: 'text', text, error: `not valid JSON: ${parsed.error}` }
    }
    case 'msgpack': {
      const parsed = parseMsgpack(bytes)
      return parsed.ok
        ? { ...base, format: 'msgpack', json: parsed.value, text: JSON.stringify(parsed.value) }
        : binary(bytes, base, `not valid MessagePack: ${parsed.error}`)
    }
    default:
      return detect(bytes, base)
  }
}

function detect(bytes: Uint8Array, base: { base64: string; size: number }): Decoded {
  if (bytes.byteLength === 0) return { ...base, format: 'text', text: '' }
  if (bytes[0] === 0 && bytes.byteLength >= CONFLUENT_HEADER) {
    const schemaId = new DataView(bytes.buffer, bytes.byteOffset + 1, 4).getUint32(0)
    // JSON Schema serializers put plain JSON after the header: show it, Avro/Protobuf stay bytes.
    const rest = textOf(bytes.subarray(CONFLUENT_HEADER), true)
    const parsed = rest !== null && looksLikeJson(rest) ? parseJson(rest) : null
    return parsed?.ok
      ? { ...base, format: 'confluent', schemaId, text: rest ?? undefined, json: parsed.value }
      : { ...base, format: 'confluent', schemaId, text: hexOf(bytes) }
  }
  const text = textOf(bytes, true)
  if (text !== null) {
    if (looksLikeJson(text)) {
      const parsed = parseJson(text)
      if (parsed.ok) return { ...base, format: 'json', text, json: parsed.value }
    }
    return { ...base, format: 'text', text }
  }
  if (looksLikeMsgpack(bytes)) {
    const parsed = parseMsgpack(bytes)
    if (parsed.ok && isPlainObject(parsed.value)) {
      return { ...base, format: 'msgpack', json: parsed.value, text: JSON.stringify(parsed.value) }
    }
  }
  return { ...base, format: 'hex', text: hexOf(bytes) }
}

function binary(bytes: Uint8Array, base: { base64: string; size: number }, error: string): Decoded {
  return { ...base, format: 'hex', text: hexOf(bytes), error }
}

/**
 * The bytes as UTF-8 text, or null when they are not valid UTF-8. `strict` (detection) also refuses control
 * characters other than tab, CR and LF: valid UTF-8 full of them is binary data, not text.
 */
export function textOf(bytes: Uint8Array, strict: boolean): string | null {
  let text: string
  try {
    text = utf8.decode(bytes)
  } catch {
    return null
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: detecting control characters is the point
  if (strict && /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) return null
  return text
}

export function hexOf(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')
}

/** Objects and arrays only: a key like "42" or "true" stays text unless JSON is asked for. */
function looksLikeJson(text: string): boolean {
  const s = text.trim()
  return (s.startsWith('{') && s.endsWith('}')) || (s.startsWith('[') && s.endsWith(']'))
}

/** A fixmap, map16 or map32 marker: "clearly MessagePack" when it also decodes completely to a map. */
function looksLikeMsgpack(bytes: Uint8Array): boolean {
  const b = bytes[0] ?? 0
  return (b >= 0x80 && b <= 0x8f) || b === 0xde || b === 0xdf
}

type Parsed = { ok: true; value: unknown } | { ok: false; error: string }

function parseJson(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch (err) {
    return { ok: false, error: (err as Error).message }
  }
}

function parseMsgpack(bytes: Uint8Array): Parsed {
  try {
    return { ok: true, value: jsonSafe(decodeMsgpack(bytes, { useBigInt64: true }), 0) }
  } catch (err) {
    return { ok: false, error: (err as Error).message }
  }
}

/** MessagePack values as JSON-able data: big ints as strings, binary as base64, maps as objects. */
function jsonSafe(v: unknown, depth: number): unknown {
  if (depth > 64) return null
  if (typeof v === 'bigint') return v.toString()
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64')
  if (v instanceof Date) return v.toISOString()
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [String(k), jsonSafe(x, depth + 1)]))
  if (Array.isArray(v)) return v.map((x) => jsonSafe(x, depth + 1))
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, jsonSafe(x, depth + 1)]))
  }
  return v
}

function isPlainObject(v: unknown): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

export function base64Of(bytes: Uint8Array | null | undefined): string {
  return bytes ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64') : ''
}

/** Header values: text when valid UTF-8, else hex. */
export function decodeHeaderValue(bytes: Uint8Array | null | undefined, withBytes = true): Decoded {
  if (bytes === null || bytes === undefined) return { format: 'null', base64: '', size: 0 }
  // Strict: binary header values (Spring's kafka_dlt-original-partition is a 4-byte int) are valid UTF-8 made of
  // control characters; shown as text they would be garbage, as hex they read 00000002.
  const text = textOf(bytes, true)
  const base64 = withBytes ? base64Of(bytes) : ''
  return text === null
    ? { format: 'hex', text: hexOf(bytes), base64, size: bytes.byteLength }
    : { format: 'text', text, base64, size: bytes.byteLength }
}
