// Pure: the scan engine's DecodedMessage as parse-error-metadata's input (header bytes come as base64).
import type { DecodedMessage } from '@/lib/messages/types'
import { type DeadLetterMetadata, parseErrorMetadata, type RawHeader } from './parse-error-metadata'

/** The raw header bytes of a scanned message (repeated keys kept in order). Needs a scan with bytes attached. */
export function rawHeadersOf(message: Pick<DecodedMessage, 'headers'>): RawHeader[] {
  return message.headers.map((h) => ({
    key: h.key,
    value: h.value.format === 'null' ? null : Buffer.from(h.value.base64, 'base64'),
  }))
}

/** The decoded value: parsed JSON when it is JSON, else its text. */
export function decodedValueOf(message: Pick<DecodedMessage, 'value'>): unknown {
  const { value } = message
  if (value.format === 'null') return null
  return value.json !== undefined ? value.json : value.text
}

export function deadLetterMetadataOf(message: Pick<DecodedMessage, 'headers' | 'value'>): DeadLetterMetadata {
  return parseErrorMetadata(rawHeadersOf(message), decodedValueOf(message))
}
