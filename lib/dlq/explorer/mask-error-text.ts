// Pure: whether a DLQ topic's masking hides the error type or message the index derived from a dead letter. The index
// keeps one sample per error group, parsed from headers (or a JSON envelope) before any masking, so the rows and the
// dashboard must ask the topic's rules whether that text may leave: a probe record carrying the text in every header
// and envelope field it can come from goes through the masker; a carrier changed or removed hides the text.

import { decodePayload } from '@/lib/messages/decode/decode-payload'
import type { DecodedHeader, DecodedMessage } from '@/lib/messages/types'
import type { DeadLetterMetadata } from '../parse-error-metadata'

export const MASKED_TEXT = '(masked)'

type Style = DeadLetterMetadata['style']

/** Where each style reads the error type and message (parse-error-metadata.ts). */
const TYPE_HEADERS: Record<Style, string[]> = {
  spring: ['kafka_dlt-exception-fqcn', 'kafka_dlt-key-exception-fqcn'],
  connect: ['__connect.errors.exception.class.name'],
  generic: ['x-exception-type', 'x-exception-class', 'x-exception-fqcn', 'error-type', 'error-class'],
  envelope: [],
  unknown: ['x-exception-type', 'x-exception-class', 'x-exception-fqcn', 'error-type', 'error-class'],
}
const MESSAGE_HEADERS: Record<Style, string[]> = {
  spring: ['kafka_dlt-exception-message', 'kafka_dlt-key-exception-message'],
  connect: ['__connect.errors.exception.message'],
  generic: ['x-exception-message', 'x-exception', 'error-message', 'error'],
  envelope: [],
  unknown: ['x-exception-message', 'x-exception', 'error-message', 'error'],
}
const STYLES = Object.keys(TYPE_HEADERS) as Style[]

export type ErrorText = { type?: string; message?: string }
type Masker = (message: DecodedMessage) => DecodedMessage

/**
 * The error text as the topic's masking lets it be shown: a part whose carrier the rules mask or remove becomes
 * "(masked)". `style` undefined (a group spanning several styles): every style's carriers count (fail closed).
 */
export function maskErrorText(text: ErrorText, masker: Masker | null, style?: Style): ErrorText {
  if (!masker || (text.type === undefined && text.message === undefined)) return text
  const styles = style ? [style] : STYLES
  const typeKeys = [...new Set(styles.flatMap((s) => TYPE_HEADERS[s]))]
  const messageKeys = [...new Set(styles.flatMap((s) => MESSAGE_HEADERS[s]))]
  const headers: DecodedHeader[] = []
  const add = (keys: string[], value: string | undefined) => {
    if (value === undefined) return
    for (const key of keys) headers.push({ key, value: decodePayload(Buffer.from(value), 'auto') })
  }
  add(typeKeys, text.type)
  add(messageKeys, text.message)
  const envelope = styles.includes('envelope')
    ? { error: { type: text.type, name: text.type, message: text.message }, originalEvent: {} }
    : null
  const masked = masker({
    partition: 0,
    offset: '0',
    timestamp: 0,
    timestampType: 'CreateTime',
    key: decodePayload(null, 'auto'),
    value: decodePayload(envelope ? Buffer.from(JSON.stringify(envelope)) : null, 'auto'),
    headers,
    sizeBytes: 0,
  })
  const kept = (keys: string[], fields: string[], value: string) =>
    keys.every((k) => headerText(masked, k) === value) &&
    (!envelope || fields.every((f) => envelopeField(masked, f) === value))
  const out: ErrorText = { ...text }
  if (text.type !== undefined && !kept(typeKeys, ['type', 'name'], text.type)) out.type = MASKED_TEXT
  if (text.message !== undefined && !kept(messageKeys, ['message'], text.message)) out.message = MASKED_TEXT
  return out
}

function headerText(m: DecodedMessage, key: string): string | undefined {
  return m.headers.find((h) => h.key === key)?.value.text
}

function envelopeField(m: DecodedMessage, field: string): unknown {
  const json = m.value.json ?? (m.value.text ? safeParse(m.value.text) : undefined)
  const error = (json as { error?: Record<string, unknown> } | undefined)?.error
  return error && typeof error === 'object' ? error[field] : undefined
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
