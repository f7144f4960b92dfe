import avro from 'avsc'
import { describe, expect, it } from 'vitest'
import { compileSchema } from './compile-schema'
import { writeMessageIndexes } from './wire-format'

describe('compileSchema', () => {
  it('decodes Avro, with longs and bytes as JSON-safe values', () => {
    const schema = {
      type: 'record',
      name: 'R',
      fields: [
        { name: 'b', type: 'bytes' },
        { name: 'n', type: 'long' },
      ],
    }
    const body = avro.Type.forSchema(schema as avro.Schema).toBuffer({ b: Buffer.from('hi'), n: 5 })
    const d = compileSchema({ schemaType: 'AVRO', schema: JSON.stringify(schema) })
    expect(d.format).toBe('avro')
    expect(d.decode(body)).toEqual({ b: Buffer.from('hi').toString('base64'), n: 5 })
  })

  it('decodes the first Protobuf message by default', () => {
    const d = compileSchema({ schemaType: 'PROTOBUF', schema: 'syntax = "proto3"; message A { int32 x = 1; }' })
    expect(d.decode(Uint8Array.from([...writeMessageIndexes([0]), 0x08, 0x2a]))).toEqual({ x: 42 })
    expect(() => d.decode(Uint8Array.from([...writeMessageIndexes([3]), 0x08, 0x2a]))).toThrow(/no message/)
  })

  it('reads JSON Schema payloads as JSON', () => {
    const d = compileSchema({ schemaType: 'JSON', schema: '{}' })
    expect(d.decode(Buffer.from('{"a":[1]}'))).toEqual({ a: [1] })
  })

  it('says why a schema cannot be used', () => {
    expect(() => compileSchema({ schemaType: 'AVRO', schema: '{nope' })).toThrow(/not JSON/)
    expect(() => compileSchema({ schemaType: 'PROTOBUF', schema: 'message {' })).toThrow()
    expect(() =>
      compileSchema({ schemaType: 'PROTOBUF', schema: 'syntax = "proto3"; import "x.proto"; message A {}' }),
    ).toThrow(/imports/)
    expect(() => compileSchema({ schemaType: 'AVRO', schema: '"int"', references: [{ name: 'x' }] })).toThrow(
      /references/,
    )
  })
})
