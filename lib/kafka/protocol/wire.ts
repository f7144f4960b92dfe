// Kafka wire primitives (big-endian ints, unsigned varints, compact strings/arrays, tagged fields), shared by the
// hand-written requests in this folder. Dependency-free so it runs in tests, scripts and the server alike.

/** A response ended early or carried an impossible value. */
export class WireError extends Error {
  override name = 'WireError'
}

const MAX_UVARINT = 0xffff_ffff

/** Reads Kafka primitives from a buffer, throwing WireError instead of reading past its end. */
export class Reader {
  private offset = 0
  constructor(private readonly buf: Buffer) {}

  get position(): number {
    return this.offset
  }

  get remaining(): number {
    return this.buf.length - this.offset
  }

  int8(): number {
    return this.take(1).readInt8(0)
  }

  int16(): number {
    return this.take(2).readInt16BE(0)
  }

  int32(): number {
    return this.take(4).readInt32BE(0)
  }

  int64(): bigint {
    return this.take(8).readBigInt64BE(0)
  }

  /** Kafka's 32-bit unsigned varint: at most 5 bytes, 7 bits each, least significant group first. */
  uvarint(): number {
    let value = 0
    for (let i = 0; i < 5; i++) {
      const byte = this.take(1)[0] as number
      // Multiply instead of shifting: `<<` would turn bit 31 into a sign bit.
      value += (byte & 0x7f) * 2 ** (7 * i)
      if ((byte & 0x80) === 0) {
        if (value > MAX_UVARINT) throw new WireError(`Unsigned varint out of range at offset ${this.offset - 1}`)
        return value
      }
    }
    throw new WireError(`Unsigned varint longer than 5 bytes at offset ${this.offset}`)
  }

  /** Classic STRING / NULLABLE_STRING: int16 length, -1 for null. */
  nullableString(): string | null {
    const length = this.int16()
    if (length < 0) return null
    return this.take(length).toString('utf8')
  }

  /** COMPACT_NULLABLE_STRING: uvarint length + 1, 0 for null. */
  compactNullableString(): string | null {
    const lengthPlusOne = this.uvarint()
    if (lengthPlusOne === 0) return null
    return this.take(lengthPlusOne - 1).toString('utf8')
  }

  compactString(): string {
    const value = this.compactNullableString()
    if (value === null) throw new WireError(`Null where a COMPACT_STRING was expected at offset ${this.offset - 1}`)
    return value
  }

  /** Element count of a classic ARRAY (int32, -1 for null → 0). */
  arrayLength(): number {
    return Math.max(0, this.checkedCount(this.int32()))
  }

  /** Element count of a COMPACT_ARRAY (uvarint count + 1, 0 for null → 0). */
  compactArrayLength(): number {
    return Math.max(0, this.checkedCount(this.uvarint() - 1))
  }

  /** Reads a classic ARRAY of items. */
  array<T>(readItem: (r: Reader) => T): T[] {
    return Array.from({ length: this.arrayLength() }, () => readItem(this))
  }

  /** Reads a COMPACT_ARRAY of items. */
  compactArray<T>(readItem: (r: Reader) => T): T[] {
    return Array.from({ length: this.compactArrayLength() }, () => readItem(this))
  }

  /**
   * Reads a tagged-field section. `onTag` gets a Reader over exactly that field's bytes; whatever it leaves unread
   * (unknown tags, newer trailing data) is skipped by the field's declared size, as the protocol requires.
   */
  taggedFields(onTag?: (tag: number, field: Reader) => void): void {
    const count = this.uvarint()
    for (let i = 0; i < count; i++) {
      const tag = this.uvarint()
      const size = this.uvarint()
      const field = new Reader(this.take(size))
      onTag?.(tag, field)
    }
  }

  bytes(length: number): Buffer {
    return Buffer.from(this.take(length))
  }

  skip(length: number): void {
    this.take(length)
  }

  private take(length: number): Buffer {
    if (length < 0 || this.offset + length > this.buf.length) {
      throw new WireError(
        `Truncated data: needed ${length} byte(s) at offset ${this.offset}, only ${this.remaining} left`,
      )
    }
    const slice = this.buf.subarray(this.offset, this.offset + length)
    this.offset += length
    return slice
  }

  // A count cannot exceed the bytes left (every element takes at least one byte); this stops a corrupt count from
  // allocating a huge array before the truncation is noticed.
  private checkedCount(count: number): number {
    if (count > this.remaining) throw new WireError(`Array count ${count} exceeds the ${this.remaining} bytes left`)
    return count
  }
}

/** Builds Kafka request bytes; `toBuffer()` returns what was written so far. */
export class Writer {
  private chunks: Buffer[] = []
  private length = 0

  int8(value: number): this {
    return this.push(fixed(1, (b) => b.writeInt8(value, 0)))
  }

  int16(value: number): this {
    return this.push(fixed(2, (b) => b.writeInt16BE(value, 0)))
  }

  int32(value: number): this {
    return this.push(fixed(4, (b) => b.writeInt32BE(value, 0)))
  }

  int64(value: bigint): this {
    return this.push(fixed(8, (b) => b.writeBigInt64BE(value, 0)))
  }

  uvarint(value: number): this {
    if (!Number.isInteger(value) || value < 0 || value > MAX_UVARINT) {
      throw new WireError(`Unsigned varint out of range: ${value}`)
    }
    const bytes: number[] = []
    let rest = value
    while (rest >= 0x80) {
      bytes.push((rest % 0x80) | 0x80)
      rest = Math.floor(rest / 0x80)
    }
    bytes.push(rest)
    return this.push(Buffer.from(bytes))
  }

  nullableString(value: string | null): this {
    if (value === null) return this.int16(-1)
    const bytes = Buffer.from(value, 'utf8')
    if (bytes.length > 0x7fff) throw new WireError('STRING longer than 32767 bytes')
    return this.int16(bytes.length).push(bytes)
  }

  compactNullableString(value: string | null): this {
    if (value === null) return this.uvarint(0)
    const bytes = Buffer.from(value, 'utf8')
    return this.uvarint(bytes.length + 1).push(bytes)
  }

  compactString(value: string): this {
    return this.compactNullableString(value)
  }

  arrayLength(count: number): this {
    return this.int32(count)
  }

  compactArrayLength(count: number): this {
    return this.uvarint(count + 1)
  }

  /** A tagged-field section with no fields. */
  emptyTaggedFields(): this {
    return this.uvarint(0)
  }

  /** A tagged-field section; fields must be in ascending tag order. */
  taggedFields(fields: { tag: number; data: Buffer }[]): this {
    this.uvarint(fields.length)
    for (const { tag, data } of fields) this.uvarint(tag).uvarint(data.length).push(data)
    return this
  }

  bytes(data: Uint8Array): this {
    return this.push(Buffer.from(data))
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.chunks, this.length)
  }

  private push(chunk: Buffer): this {
    this.chunks.push(chunk)
    this.length += chunk.length
    return this
  }
}

function fixed(size: number, write: (b: Buffer) => void): Buffer {
  const b = Buffer.alloc(size)
  write(b)
  return b
}

/** Prefixes a request (header + body) with its int32 size, as every Kafka message on the wire is. */
export function framedMessage(payload: Buffer): Buffer {
  const size = Buffer.alloc(4)
  size.writeInt32BE(payload.length, 0)
  return Buffer.concat([size, payload])
}
