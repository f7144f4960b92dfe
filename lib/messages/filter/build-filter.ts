// Pure: the per-message predicate of a scan (CEL and/or contains), compiled before the scan starts.
import type { Decoded, DecodedMessage } from '../types'
import { type CelInput, compileCel } from './compile-cel'
import { jsonNeedlesOf, rawValueCannotMatch } from './required-literals'

export const MAX_CONTAINS_LENGTH = 1_000

export type MessageFilter = {
  /** true when the message matches; an evaluation error counts as false and increments `errors`. */
  matches: (message: DecodedMessage) => boolean
  /**
   * true when the raw value certainly cannot match, so the record needs no decoding at all (a selective CEL filter on
   * JSON values: see required-literals.ts). Such records are not evaluated, so they add no evaluation errors.
   */
  rejectsRawValue: (value: Buffer | null) => boolean
  readonly errors: number
}

/** Throws ApiError('invalid_input') for a bad CEL expression. No filter at all matches everything. */
export function buildFilter(filter: { cel?: string; contains?: string } | undefined): MessageFilter {
  const cel = filter?.cel?.trim() ? compileCel(filter.cel) : null
  const needle = filter?.contains ? filter.contains.toLowerCase() : ''
  const needles = cel ? jsonNeedlesOf(cel.requiredValueLiterals) : []
  let errors = 0
  return {
    get errors() {
      return errors
    },
    rejectsRawValue: (value) => rawValueCannotMatch(value, needles),
    matches(message) {
      if (needle && !containsText(message, needle)) return false
      if (!cel) return true
      const result = cel(celInputOf(message))
      if (result === 'error') {
        errors++
        return false
      }
      return result
    },
  }
}

/** Case-insensitive substring over key, value text and header values (needle already lower-cased). */
export function containsText(message: DecodedMessage, needle: string): boolean {
  if (message.key.text?.toLowerCase().includes(needle)) return true
  if (message.value.text?.toLowerCase().includes(needle)) return true
  return message.headers.some((h) => h.value.text?.toLowerCase().includes(needle))
}

export function celInputOf(message: DecodedMessage): CelInput {
  return {
    key: celValueOf(message.key),
    value: celValueOf(message.value),
    headers: new Map(message.headers.map((h) => [h.key, h.value.text ?? ''])),
    partition: BigInt(message.partition),
    offset: BigInt(message.offset),
    timestamp: BigInt(Math.trunc(message.timestamp)),
  }
}

/** Parsed JSON (or msgpack) when there is one, else the text; null payloads are null. */
function celValueOf(d: Decoded): unknown {
  if (d.format === 'null') return null
  if (d.json !== undefined) return d.json
  return d.text ?? ''
}
