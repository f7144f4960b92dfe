import { encode } from '@msgpack/msgpack'
import { describe, expect, it } from 'vitest'
import type { PayloadFormat } from '../types'
import { decodeHeaderValue, decodePayload } from './decode-payload'
import { attachBytes, decodeRecord } from './decode-record'

const b = (s: string) => Buffer.from(s)
const confluent = (id: number, rest: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, 0, id]), rest])

describe('decodePayload', () => {
  const cases: [string, Uint8Array | null, PayloadFormat, Record<string, unknown>][] = [
    ['null', null, 'auto', { format: 'null', base64: '', size: 0 }],
    ['empty', b(''), 'auto', { format: 'text', text: '' }],
    ['text', b('héllo'), 'auto', { format: 'text', text: 'héllo' }],
    ['JSON object', b('{"a":1}'), 'auto', { format: 'json', json: { a: 1 }, text: '{"a":1}' }],
    ['JSON array', b(' [1,2] '), 'auto', { format: 'json', json: [1, 2] }],
    ['number stays text in auto', b('42'), 'auto', { format: 'text', text: '42' }],
    ['number as asked JSON', b('42'), 'json', { format: 'json', json: 42 }],
    ['broken JSON-looking text', b('{"a":'), 'auto', { format: 'text', text: '{"a":' }],
    ['asked JSON, malformed', b('{"a":'), 'json', { format: 'text', error: expect.stringContaining('not valid JSON') }],
    ['invalid UTF-8', Buffer.from([0xff, 0xfe, 0x01]), 'auto', { format: 'hex', text: 'fffe01' }],
    ['control chars are binary', Buffer.from([1, 2, 3]), 'auto', { format: 'hex', text: '010203' }],
    ['asked text, invalid UTF-8', Buffer.from([0xc3]), 'text', { format: 'hex', error: 'not valid UTF-8' }],
    ['hex', b('ab'), 'hex', { format: 'hex', text: '6162' }],
    ['base64', b('ab'), 'base64', { format: 'base64', text: 'YWI=' }],
    ['confluent avro', confluent(7, Buffer.from([2, 0x06, 0x66])), 'auto', { format: 'confluent', schemaId: 7 }],
    [
      'confluent JSON schema',
      confluent(9, b('{"x":true}')),
      'auto',
      { format: 'confluent', schemaId: 9, json: { x: true } },
    ],
    ['msgpack map detected', encode({ a: 1, s: 'x' }), 'auto', { format: 'msgpack', json: { a: 1, s: 'x' } }],
    ['msgpack asked', encode([1, 'two']), 'msgpack', { format: 'msgpack', json: [1, 'two'] }],
    [
      'msgpack malformed',
      Buffer.from([0xc1]),
      'msgpack',
      { format: 'hex', error: expect.stringContaining('MessagePack') },
    ],
    ['msgpack truncated', Buffer.from([0x82, 0xa1]), 'auto', { format: 'hex', text: '82a1' }],
  ]
  it.each(cases)('%s', (_name, bytes, format, expected) => {
    const d = decodePayload(bytes, format)
    expect(d).toMatchObject(expected)
    if (bytes) expect(Buffer.from(d.base64, 'base64').equals(Buffer.from(bytes))).toBe(true)
  })

  it('msgpack big ints and binary become JSON-safe', () => {
    const d = decodePayload(encode({ n: 2n ** 62n, bin: new Uint8Array([1, 2]) }, { useBigInt64: true }), 'msgpack')
    expect(d.json).toEqual({ n: (2n ** 62n).toString(), bin: 'AQI=' })
  })
})

describe('decodeHeaderValue', () => {
  it.each([
    [b('trace-1'), { format: 'text', text: 'trace-1' }],
    [Buffer.from([0xff, 0x00]), { format: 'hex', text: 'ff00' }],
    // Spring's kafka_dlt-original-partition: a big-endian int32, valid UTF-8 but control characters.
    [Buffer.from([0, 0, 0, 2]), { format: 'hex', text: '00000002' }],
    [b('line 1\nline 2\tend'), { format: 'text', text: 'line 1\nline 2\tend' }],
    [null, { format: 'null' }],
  ] as const)('%s', (bytes, expected) => {
    expect(decodeHeaderValue(bytes)).toMatchObject(expected)
  })
})

describe('decodeRecord', () => {
  const batch = { firstOffset: 10n, attributes: 4, firstTimestamp: 1_000n, maxTimestamp: 2_000n }
  const record = {
    length: 30,
    offsetDelta: 2,
    timestampDelta: 5n,
    key: b('k'),
    value: b('{"v":1}'),
    headers: [[b('h'), b('x')]] as [Buffer | null, Buffer | null][],
  }
  it('reads offset, create time, compression and headers', () => {
    expect(decodeRecord(3, batch, record, {})).toMatchObject({
      partition: 3,
      offset: '12',
      timestamp: 1_005,
      timestampType: 'CreateTime',
      compression: 'zstd',
      key: { format: 'text', text: 'k' },
      value: { format: 'json', json: { v: 1 } },
      headers: [{ key: 'h', value: { format: 'text', text: 'x' } }],
      sizeBytes: 30,
    })
  })
  it('uses the append time of LogAppendTime batches', () => {
    const m = decodeRecord(0, { ...batch, attributes: 8 }, record, {})
    expect(m).toMatchObject({ timestamp: 2_000, timestampType: 'LogAppendTime', compression: undefined })
  })
  it('leaves the bytes out until attachBytes (scans encode only what matches)', () => {
    const m = decodeRecord(0, batch, record, {}, false)
    expect([m.key.base64, m.value.base64, m.headers[0]?.value.base64]).toEqual(['', '', ''])
    attachBytes(m, record)
    expect([m.key.base64, m.value.base64, m.headers[0]?.value.base64]).toEqual(['aw==', 'eyJ2IjoxfQ==', 'eA=='])
  })
})
