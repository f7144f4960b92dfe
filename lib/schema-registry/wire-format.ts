// Pure: the Confluent Schema Registry wire format.

/** Magic byte 0, then the schema id as a 4-byte big-endian integer. */
export const FRAME_HEADER = 5

export type Frame = { schemaId: number; body: Uint8Array }

/** The schema id and the payload after it, or null when the bytes are not Confluent-framed. */
export function readFrame(bytes: Uint8Array | null | undefined): Frame | null {
  if (!bytes || bytes.byteLength < FRAME_HEADER || bytes[0] !== 0) return null
  const schemaId = new DataView(bytes.buffer, bytes.byteOffset + 1, 4).getUint32(0)
  return { schemaId, body: bytes.subarray(FRAME_HEADER) }
}

/**
 * Protobuf frames carry, before the message, the path of the message type in its .proto file as an array of
 * zigzag varints (count, then indexes); a count of 0 is the short form of [0], the file's first message.
 */
export function readMessageIndexes(body: Uint8Array): { indexes: number[]; rest: Uint8Array } {
  let pos = 0
  const next = (): number => {
    let result = 0
    let shift = 0
    for (;;) {
      if (pos >= body.byteLength) throw new Error('message-index array cut short')
      const b = body[pos++] as number
      result += (b & 0x7f) * 2 ** shift
      if ((b & 0x80) === 0) break
      shift += 7
      if (shift > 28) throw new Error('message-index varint too long')
    }
    return result % 2 === 0 ? result / 2 : -(result + 1) / 2
  }
  const count = next()
  if (count < 0 || count > 100) throw new Error(`bad message-index count ${count}`)
  const indexes = count === 0 ? [0] : Array.from({ length: count }, next)
  if (indexes.some((i) => i < 0)) throw new Error('negative message index')
  return { indexes, rest: body.subarray(pos) }
}

/** The inverse of readMessageIndexes, for producers and tests. */
export function writeMessageIndexes(indexes: number[]): Uint8Array {
  if (indexes.length === 1 && indexes[0] === 0) return Uint8Array.of(0)
  const out: number[] = []
  for (const n of [indexes.length, ...indexes]) {
    let z = n * 2 // zigzag of a non-negative number
    while (z >= 0x80) {
      out.push((z & 0x7f) | 0x80)
      z = Math.floor(z / 128)
    }
    out.push(z)
  }
  return Uint8Array.from(out)
}

/** A Confluent frame around a payload: header, then (for Protobuf) the message indexes, then the payload. */
export function writeFrame(schemaId: number, payload: Uint8Array, indexes?: number[]): Buffer {
  const header = Buffer.alloc(FRAME_HEADER)
  header.writeUInt32BE(schemaId, 1)
  return Buffer.concat([header, indexes ? writeMessageIndexes(indexes) : new Uint8Array(), payload])
}
