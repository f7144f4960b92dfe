import { describe, expect, it } from 'vitest'
import { framedMessage, Reader, WireError, Writer } from './wire'

describe('Writer/Reader round trips', () => {
  it('round-trips fixed-size integers at their limits', () => {
    const buf = new Writer()
      .int8(-128)
      .int8(127)
      .int16(-32768)
      .int16(32767)
      .int32(-2147483648)
      .int32(2147483647)
      .int64(-(2n ** 63n))
      .int64(2n ** 63n - 1n)
      .toBuffer()
    expect(buf.length).toBe(2 + 4 + 8 + 16)
    const r = new Reader(buf)
    expect([r.int8(), r.int8(), r.int16(), r.int16(), r.int32(), r.int32()]).toEqual([
      -128, 127, -32768, 32767, -2147483648, 2147483647,
    ])
    expect([r.int64(), r.int64()]).toEqual([-(2n ** 63n), 2n ** 63n - 1n])
    expect(r.remaining).toBe(0)
  })

  it('writes big-endian like Kafka', () => {
    expect(new Writer().int16(18).int32(1).toBuffer()).toEqual(Buffer.from([0, 18, 0, 0, 0, 1]))
  })

  it.each([
    [0, [0x00]],
    [1, [0x01]],
    [127, [0x7f]],
    [128, [0x80, 0x01]],
    [300, [0xac, 0x02]],
    [16383, [0xff, 0x7f]],
    [16384, [0x80, 0x80, 0x01]],
    [2 ** 21 - 1, [0xff, 0xff, 0x7f]],
    [2 ** 28, [0x80, 0x80, 0x80, 0x80, 0x01]],
    [2 ** 31 - 1, [0xff, 0xff, 0xff, 0xff, 0x07]],
    [2 ** 31, [0x80, 0x80, 0x80, 0x80, 0x08]],
    [2 ** 32 - 1, [0xff, 0xff, 0xff, 0xff, 0x0f]],
  ])('uvarint %d encodes as Kafka does and reads back', (value, bytes) => {
    const buf = new Writer().uvarint(value).toBuffer()
    expect([...buf]).toEqual(bytes)
    const r = new Reader(buf)
    expect(r.uvarint()).toBe(value)
    expect(r.remaining).toBe(0)
  })

  it('refuses uvarints that do not fit 32 bits', () => {
    expect(() => new Writer().uvarint(2 ** 32)).toThrow(WireError)
    expect(() => new Writer().uvarint(-1)).toThrow(WireError)
    expect(() => new Writer().uvarint(1.5)).toThrow(WireError)
    expect(() => new Reader(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x1f])).uvarint()).toThrow(/out of range/)
    expect(() => new Reader(Buffer.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x01])).uvarint()).toThrow(/longer than 5/)
  })

  it('round-trips classic and compact strings, including null, empty and multi-byte UTF-8', () => {
    const buf = new Writer()
      .nullableString('ferry')
      .nullableString(null)
      .nullableString('')
      .compactString('metadata.version')
      .compactNullableString(null)
      .compactString('')
      .compactString('fähre ⛴')
      .toBuffer()
    const r = new Reader(buf)
    expect(r.nullableString()).toBe('ferry')
    expect(r.nullableString()).toBeNull()
    expect(r.nullableString()).toBe('')
    expect(r.compactString()).toBe('metadata.version')
    expect(r.compactNullableString()).toBeNull()
    expect(r.compactString()).toBe('')
    expect(r.compactString()).toBe('fähre ⛴')
    expect(r.remaining).toBe(0)
  })

  it('rejects a null where a compact string is required', () => {
    expect(() => new Reader(Buffer.from([0])).compactString()).toThrow(WireError)
  })

  it('round-trips classic and compact arrays', () => {
    const items = [
      [0, 0, 13],
      [18, 0, 4],
    ] as const
    const w = new Writer().arrayLength(items.length)
    for (const [k, min, max] of items) w.int16(k).int16(min).int16(max)
    w.compactArrayLength(items.length)
    for (const [k, min, max] of items) w.int16(k).int16(min).int16(max).emptyTaggedFields()
    w.compactArrayLength(0)
    const r = new Reader(w.toBuffer())
    const triple = (x: Reader) => [x.int16(), x.int16(), x.int16()]
    expect(r.array(triple)).toEqual(items)
    expect(
      r.compactArray((x) => {
        const t = triple(x)
        x.taggedFields()
        return t
      }),
    ).toEqual(items)
    expect(r.compactArray(triple)).toEqual([])
    expect(r.remaining).toBe(0)
  })

  it('treats null arrays (-1 / compact 0) as empty', () => {
    expect(new Reader(new Writer().int32(-1).toBuffer()).arrayLength()).toBe(0)
    expect(new Reader(Buffer.from([0])).compactArrayLength()).toBe(0)
  })

  it('hands known tags to the handler and skips unknown ones by their size', () => {
    const buf = new Writer()
      .taggedFields([
        { tag: 0, data: new Writer().compactString('known').toBuffer() },
        { tag: 7, data: Buffer.from([1, 2, 3, 4, 5]) },
        // The handler reads only part of this one; the rest must be skipped too.
        { tag: 9, data: new Writer().int8(1).int32(99).toBuffer() },
      ])
      .int16(4242)
      .toBuffer()
    const r = new Reader(buf)
    const seen: [number, unknown][] = []
    r.taggedFields((tag, field) => {
      if (tag === 0) seen.push([tag, field.compactString()])
      else if (tag === 9) seen.push([tag, field.int8()])
    })
    expect(seen).toEqual([
      [0, 'known'],
      [9, 1],
    ])
    expect(r.int16()).toBe(4242)
    expect(r.remaining).toBe(0)
  })

  it('frames a message with its int32 size', () => {
    expect([...framedMessage(Buffer.from([7, 8, 9]))]).toEqual([0, 0, 0, 3, 7, 8, 9])
  })
})

describe('Reader on truncated input', () => {
  it('throws a WireError naming the offset instead of reading past the end', () => {
    const r = new Reader(Buffer.from([0x00, 0x12, 0x00]))
    expect(r.int16()).toBe(18)
    expect(() => r.int32()).toThrow(WireError)
    expect(() => new Reader(Buffer.from([0, 0, 0])).int32()).toThrow(
      'Truncated data: needed 4 byte(s) at offset 0, only 3 left',
    )
  })

  it('detects a varint cut off mid-way, a string shorter than its length and a tag shorter than its size', () => {
    expect(() => new Reader(Buffer.from([0x80, 0x80])).uvarint()).toThrow(WireError)
    expect(() => new Reader(Buffer.from([0x06, 0x61, 0x62])).compactString()).toThrow(/Truncated/)
    expect(() => new Reader(Buffer.from([0x00, 0x05, 0x61])).nullableString()).toThrow(/Truncated/)
    expect(() => new Reader(Buffer.from([0x01, 0x00, 0x04, 0x01])).taggedFields()).toThrow(/Truncated/)
  })

  it('rejects an array count larger than the bytes left before allocating it', () => {
    expect(() => new Reader(new Writer().int32(1_000_000_000).toBuffer()).array((x) => x.int8())).toThrow(/exceeds/)
    expect(() => new Reader(new Writer().uvarint(2 ** 32 - 1).toBuffer()).compactArrayLength()).toThrow(/exceeds/)
  })
})
