import { describe, expect, it } from 'vitest'
import { readFrame, readMessageIndexes, writeFrame, writeMessageIndexes } from './wire-format'

describe('Confluent wire format', () => {
  it('reads the schema id and body, and refuses what is not framed', () => {
    const framed = writeFrame(0x01020304, Buffer.from('{}'))
    expect(readFrame(framed)?.schemaId).toBe(0x01020304)
    expect(Buffer.from(readFrame(framed)?.body ?? []).toString()).toBe('{}')
    expect(readFrame(Buffer.from([1, 0, 0, 0, 1]))).toBeNull()
    expect(readFrame(Buffer.from([0, 0, 0]))).toBeNull()
    expect(readFrame(null)).toBeNull()
  })

  it.each([
    [[0], [0x00]],
    [[1], [0x02, 0x02]],
    [
      [1, 0],
      [0x04, 0x02, 0x00],
    ],
    [[70], [0x02, 0x8c, 0x01]],
  ])('message indexes %j are written as zigzag varints %j and read back', (indexes, bytes) => {
    expect([...writeMessageIndexes(indexes)]).toEqual(bytes)
    const { indexes: back, rest } = readMessageIndexes(Uint8Array.from([...bytes, 0x08, 0x01]))
    expect(back).toEqual(indexes)
    expect([...rest]).toEqual([0x08, 0x01])
  })

  it('rejects a cut-short index array', () => {
    expect(() => readMessageIndexes(Uint8Array.of(0x04, 0x02))).toThrow(/cut short/)
  })
})
