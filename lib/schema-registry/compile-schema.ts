// Pure: turns a registry schema into a function that decodes a framed payload's body to JSON-able data.
import avro from 'avsc'
import protobuf from 'protobufjs'
import { readMessageIndexes } from './wire-format'

export type SchemaType = 'AVRO' | 'PROTOBUF' | 'JSON'
export type RegistrySchema = { schemaType: SchemaType; schema: string; references?: unknown[] }
export type SchemaDecoder = { format: 'avro' | 'protobuf' | 'json-schema'; decode(body: Uint8Array): unknown }

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Throws with a readable reason when the schema cannot be used (bad syntax, references, imports). */
export function compileSchema(s: RegistrySchema): SchemaDecoder {
  if (s.references && s.references.length > 0) throw new Error('schemas with references are not supported yet')
  switch (s.schemaType) {
    case 'AVRO':
      return avroDecoder(s.schema)
    case 'PROTOBUF':
      return protobufDecoder(s.schema)
    case 'JSON':
      return { format: 'json-schema', decode: (body) => JSON.parse(utf8.decode(body)) }
    default:
      throw new Error(`unknown schema type "${String(s.schemaType)}"`)
  }
}

function avroDecoder(source: string): SchemaDecoder {
  let parsed: unknown
  try {
    parsed = JSON.parse(source)
  } catch (err) {
    throw new Error(`Avro schema is not JSON: ${(err as Error).message}`)
  }
  const type = avro.Type.forSchema(parsed as avro.Schema)
  return {
    format: 'avro',
    decode: (body) => jsonSafe(type.fromBuffer(Buffer.from(body.buffer, body.byteOffset, body.byteLength)), 0),
  }
}

function protobufDecoder(source: string): SchemaDecoder {
  const parsed = protobuf.parse(source, { keepCase: true })
  if (parsed.imports?.length) throw new Error(`.proto imports are not supported yet (${parsed.imports.join(', ')})`)
  parsed.root.resolveAll()
  const top: protobuf.NamespaceBase = parsed.package
    ? (parsed.root.lookup(parsed.package) as protobuf.Namespace)
    : parsed.root
  return {
    format: 'protobuf',
    decode: (body) => {
      const { indexes, rest } = readMessageIndexes(body)
      let scope: protobuf.NamespaceBase = top
      let type: protobuf.Type | undefined
      for (const i of indexes) {
        type = scope.nestedArray.filter((n): n is protobuf.Type => n instanceof protobuf.Type)[i]
        if (!type) throw new Error(`no message at index path [${indexes.join(', ')}] of the schema`)
        scope = type
      }
      if (!type) throw new Error('empty message-index path')
      return type.toObject(type.decode(rest), {
        longs: String,
        enums: String,
        bytes: String,
        defaults: true,
        arrays: true,
        objects: true,
      })
    },
  }
}

/** Decoded Avro values as JSON-able data: longs beyond 2^53 and bytes become strings (bytes as base64). */
function jsonSafe(v: unknown, depth: number): unknown {
  if (depth > 64) return null
  if (typeof v === 'bigint') return v.toString()
  if (Buffer.isBuffer(v)) return v.toString('base64')
  if (Array.isArray(v)) return v.map((x) => jsonSafe(x, depth + 1))
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [String(k), jsonSafe(x, depth + 1)]))
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, jsonSafe(x, depth + 1)]))
  }
  return v
}
