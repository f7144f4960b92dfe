// Pure: reading DLQ header values, which different producers write as UTF-8 text or as Java's big-endian binary.

export type RawHeader = { key: string; value: Uint8Array | null }

export type Read<T> = { value: T } | { problem: string }

const utf8 = new TextDecoder('utf-8', { fatal: true })
const lenient = new TextDecoder('utf-8')
const DECIMAL = /^-?\d+$/

/** UTF-8 text; invalid bytes are replaced and reported. */
export function readText(key: string, bytes: Uint8Array): { value: string; problem?: string } {
  try {
    return { value: utf8.decode(bytes) }
  } catch {
    return { value: lenient.decode(bytes), problem: `${key}: not valid UTF-8` }
  }
}

function isAsciiDecimal(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!
    if (!((b >= 0x30 && b <= 0x39) || (i === 0 && b === 0x2d && bytes.length > 1))) return false
  }
  return true
}

function isPrintableAscii(bytes: Uint8Array): boolean {
  return bytes.every((b) => b >= 0x20 && b <= 0x7e)
}

/**
 * An integer header as a decimal string (exact for int64). ASCII digits are read as text first: 4 or 8 digit bytes
 * read as binary would be ≥ 808,464,432 (a partition) or ≥ 3.4e18 (an offset), which no real record has. Otherwise
 * 4 bytes are a big-endian int32 and 8 bytes an int64, as Spring's ByteBuffer.putInt/putLong write them, unless they
 * are all printable ASCII (see below).
 */
export function readInteger(key: string, bytes: Uint8Array, textOnly = false): Read<string> {
  if (isAsciiDecimal(bytes)) return { value: BigInt(lenient.decode(bytes)).toString() }
  const text = lenient.decode(bytes).trim()
  if (DECIMAL.test(text)) return { value: BigInt(text).toString() }
  // Printable ASCII as binary would be ≥ 538,976,288 (int32) or ≥ 2.3e18 (int64): it is text that is not a number.
  if (!textOnly && !isPrintableAscii(bytes)) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    if (bytes.length === 4) return { value: String(view.getInt32(0, false)) }
    if (bytes.length === 8) return { value: view.getBigInt64(0, false).toString() }
  }
  const shown = bytes.length > 24 ? `${bytes.length} bytes` : `"${text}" (${bytes.length} bytes)`
  return {
    problem: textOnly
      ? `${key}: expected a decimal number, got ${shown}`
      : `${key}: expected a 4- or 8-byte big-endian integer or decimal text, got ${shown}`,
  }
}

/** Collects header lookups over a record's headers, keeping problems instead of throwing. */
export class HeaderReader {
  readonly problems: string[] = []
  private readonly byKey = new Map<string, { index: number; value: Uint8Array | null }[]>()

  constructor(headers: readonly RawHeader[], caseInsensitive = false) {
    headers.forEach((h, index) => {
      const key = caseInsensitive ? h.key.toLowerCase() : h.key
      const list = this.byKey.get(key) ?? []
      list.push({ index, value: h.value })
      this.byKey.set(key, list)
    })
  }

  has(key: string): boolean {
    return this.byKey.has(key)
  }

  /** Index of the last header among `keys`, or -1. */
  lastIndexOf(keys: Iterable<string>): number {
    let last = -1
    for (const key of keys) for (const h of this.byKey.get(key) ?? []) last = Math.max(last, h.index)
    return last
  }

  /**
   * The bytes of a header. Repeated keys: 'first' for where a record originally came from (Spring appends the
   * original-* headers again on every republish), 'last' for the latest failure.
   */
  bytes(key: string, pick: 'first' | 'last'): Uint8Array | undefined {
    const list = this.byKey.get(key)
    if (!list?.length) return undefined
    const h = pick === 'first' ? list[0]! : list[list.length - 1]!
    if (h.value === null) {
      this.problems.push(`${key}: header has no value`)
      return undefined
    }
    return h.value
  }

  text(keys: string | readonly string[], pick: 'first' | 'last' = 'last'): string | undefined {
    for (const key of typeof keys === 'string' ? [keys] : keys) {
      const bytes = this.bytes(key, pick)
      if (bytes === undefined) continue
      const read = readText(key, bytes)
      if (read.problem) this.problems.push(read.problem)
      if (read.value !== '') return read.value
    }
    return undefined
  }

  integer(keys: string | readonly string[], pick: 'first' | 'last', textOnly = false): string | undefined {
    for (const key of typeof keys === 'string' ? [keys] : keys) {
      const bytes = this.bytes(key, pick)
      if (bytes === undefined) continue
      const read = readInteger(key, bytes, textOnly)
      if ('problem' in read) this.problems.push(read.problem)
      else return read.value
    }
    return undefined
  }

  /** A small non-negative integer (partition, task id, attempts) as a number. */
  count(keys: string | readonly string[], pick: 'first' | 'last', textOnly = false): number | undefined {
    const value = this.integer(keys, pick, textOnly)
    if (value === undefined) return undefined
    const n = Number(value)
    if (n < 0 || n > 2 ** 31 - 1) {
      this.problems.push(`${typeof keys === 'string' ? keys : keys[0]}: ${value} is out of range`)
      return undefined
    }
    return n
  }

  /** Epoch milliseconds. */
  epochMs(keys: string | readonly string[], pick: 'first' | 'last', textOnly = false): number | undefined {
    const value = this.integer(keys, pick, textOnly)
    if (value === undefined) return undefined
    const n = Number(value)
    if (!Number.isSafeInteger(n) || n < 0) {
      this.problems.push(`${typeof keys === 'string' ? keys : keys[0]}: ${value} is not a timestamp`)
      return undefined
    }
    return n
  }
}
