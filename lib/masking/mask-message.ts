// Pure: a decoded message with masking rules applied to every form of its key, value and headers — text, parsed
// JSON and the bytes (base64) alike, so no rendering of a payload still holds what another one hides.
import { encode as encodeMsgpack } from '@msgpack/msgpack'
import { hexOf, textOf } from '@/lib/messages/decode/decode-payload'
import type { Decoded, DecodedHeader, DecodedMessage } from '@/lib/messages/types'
import { type CompiledPart, type CompiledRule, MASK } from './compile-rules'
import { applyJsonPaths } from './json-path'

/** Confluent wire-format header (magic byte + schema id), kept in front of a re-framed JSON payload. */
const CONFLUENT_HEADER = 5

const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8')

/** A whole payload hidden: nothing of it (not even its format or schema) is left. */
function maskedWhole(): Decoded {
  return { format: 'text', text: MASK, base64: utf8(MASK).toString('base64'), size: MASK.length }
}

const NULL_PAYLOAD: Decoded = { format: 'null', base64: '', size: 0 }

function bytesOf(d: Decoded): Buffer {
  return Buffer.from(d.base64, 'base64')
}

function looksLikeJson(text: string): boolean {
  const s = text.trim()
  return (s.startsWith('{') && s.endsWith('}')) || (s.startsWith('[') && s.endsWith(']'))
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false }
  }
}

/** What the rule can work on: the parsed JSON and/or the text; null when the payload is opaque bytes. */
function contentOf(d: Decoded): { json?: unknown; text?: string } | null {
  if (d.json !== undefined) {
    const source = (d.format === 'json' || d.format === 'confluent') && d.text !== undefined
    return { json: d.json, text: source ? d.text : JSON.stringify(d.json) }
  }
  if (d.format === 'text' || d.format === 'json') return { text: d.text ?? '' }
  // A hex or base64 rendering (asked for, or binary detection) of bytes that may well be text: read the bytes.
  if (d.format === 'hex' || d.format === 'base64') {
    const text = textOf(bytesOf(d), false)
    return text === null ? null : { text }
  }
  // Confluent-framed bytes no schema decoded (Avro, Protobuf): the fields are in there, unreadable here.
  return null
}

/**
 * The payload rebuilt around masked content, in the format it was shown in. The bytes are re-encoded where that is
 * exact (UTF-8 text, JSON, MessagePack, JSON after a Confluent header); Avro and Protobuf cannot be re-encoded
 * without their writer, so their bytes become the masked JSON text.
 */
function rebuilt(d: Decoded, json: unknown, text: string): Decoded {
  const keep = { schemaId: d.schemaId, subject: d.subject }
  const withBytes = (bytes: Buffer, rest: Omit<Decoded, 'base64' | 'size'>): Decoded => ({
    ...rest,
    base64: bytes.toString('base64'),
    size: bytes.byteLength,
  })
  switch (d.format) {
    case 'json':
      return json === undefined
        ? withBytes(utf8(text), { format: 'text', text })
        : withBytes(utf8(text), { format: 'json', text, json })
    case 'text':
      return withBytes(utf8(text), { format: 'text', text })
    case 'hex': {
      const bytes = utf8(text)
      return withBytes(bytes, { format: 'hex', text: hexOf(bytes) })
    }
    case 'base64': {
      const bytes = utf8(text)
      return withBytes(bytes, { format: 'base64', text: bytes.toString('base64') })
    }
    case 'msgpack':
      return json === undefined
        ? withBytes(utf8(text), { format: 'text', text })
        : withBytes(Buffer.from(encodeMsgpack(json)), { format: 'msgpack', text, json })
    case 'confluent':
    case 'json-schema': {
      const header = bytesOf(d).subarray(0, CONFLUENT_HEADER)
      return withBytes(Buffer.concat([header, utf8(text)]), { format: d.format, text, json, ...keep })
    }
    default:
      return withBytes(utf8(text), { format: d.format, text, json, ...keep })
  }
}

/** One key or value with a part rule applied; the same object when the rule hides nothing in it. */
export function maskPayload(d: Decoded, part: CompiledPart): Decoded {
  if (d.format === 'null') return d
  if (part.whole) return part.action === 'remove' ? NULL_PAYLOAD : maskedWhole()
  const content = contentOf(d)
  const unparsed = (): Decoded => (part.onUnparsed === 'keep' ? d : maskedWhole())
  if (!content) return unparsed()
  let { json, text } = content
  let changed = false
  if (part.paths.length > 0) {
    if (json === undefined && text !== undefined && looksLikeJson(text)) {
      // JSON shown as text (or hex) because that is what was asked for: still JSON, still masked by path.
      const parsed = parseJson(text)
      if (parsed.ok) json = parsed.value
    }
    if (json === undefined || json === null || typeof json !== 'object') return unparsed()
    const result = applyJsonPaths(json, part.paths, part.action)
    if (result.hits > 0) {
      changed = true
      json = result.json
      text = JSON.stringify(json)
    }
  }
  if (part.regex) {
    if (text === undefined) return unparsed()
    part.regex.lastIndex = 0
    const replaced = text.replace(part.regex, part.replace)
    if (replaced !== text) {
      changed = true
      text = replaced
      if (json !== undefined) {
        const parsed = parseJson(text)
        json = parsed.ok ? parsed.value : undefined
      }
    }
  }
  if (!changed) return d
  // Asked-for text of a JSON payload stays text (json only where the format carries it).
  const keepsJson = d.json !== undefined || d.format === 'json'
  return rebuilt(d, keepsJson ? json : undefined, text ?? '')
}

export function maskHeaders(headers: DecodedHeader[], rule: NonNullable<CompiledRule['headers']>): DecodedHeader[] {
  const hit = (h: DecodedHeader) => rule.names.some((n) => n.test(h.key))
  if (rule.action === 'remove') return headers.filter((h) => !hit(h))
  return headers.map((h) => (hit(h) && h.value.format !== 'null' ? { key: h.key, value: maskedWhole() } : h))
}

/**
 * The message with the rules applied in order (global ones first, then the cluster's). The message must carry its
 * bytes (attachBytes) before this runs, and must not get them attached again after: the masked bytes are the ones
 * that may leave. The input is not changed.
 */
export function maskMessage(message: DecodedMessage, rules: readonly CompiledRule[]): DecodedMessage {
  let out = message
  for (const rule of rules) {
    const key = rule.key ? maskPayload(out.key, rule.key) : out.key
    const value = rule.value ? maskPayload(out.value, rule.value) : out.value
    const headers = rule.headers ? maskHeaders(out.headers, rule.headers) : out.headers
    if (key !== out.key || value !== out.value || headers !== out.headers) out = { ...out, key, value, headers }
  }
  return out
}
