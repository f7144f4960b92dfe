import 'server-only'
import type { ClusterConfig } from '@/lib/config/schema'
import type { RawRecord } from '@/lib/messages/decode/decode-record'
import type { Decoded, DecodedMessage, PayloadFormat } from '@/lib/messages/types'
import { createRegistryClient, RegistryError } from './client'
import { compileSchema, type SchemaDecoder } from './compile-schema'
import { readFrame } from './wire-format'

/** One scan's view of the cluster's Schema Registry: schemas are fetched per batch, so decoding stays synchronous. */
export type ScanSchemaDecoding = {
  /** Fetches (once per scan) the schemas of every Confluent-framed key and value in these records. */
  prepare(records: RawRecord[]): Promise<void>
  /** Replaces auto-detected 'confluent' payloads by their decoded form, or adds why they could not be decoded. */
  apply(message: DecodedMessage, record: RawRecord): DecodedMessage
}

type Resolved = { ok: true; decoder: SchemaDecoder; subject?: string } | { ok: false; error: string }

/**
 * Null when the cluster has no registry configured. Only sides read with 'auto' are looked up: a key or value asked
 * for as hex, text… stays as asked.
 */
export function scanSchemaDecodingFor(
  cluster: ClusterConfig,
  formats: { key?: PayloadFormat; value?: PayloadFormat } = {},
): ScanSchemaDecoding | null {
  if (!cluster.schemaRegistry) return null
  const keys = (formats.key ?? 'auto') === 'auto'
  const values = (formats.value ?? 'auto') === 'auto'
  if (!keys && !values) return null
  const client = createRegistryClient(cluster.schemaRegistry)
  const resolved = new Map<number, Resolved>()
  // Once the registry is unreachable, the other ids of this scan are not tried again (no timeout per id).
  let down: string | undefined

  const resolve = async (id: number): Promise<Resolved> => {
    if (down) return { ok: false, error: down }
    try {
      const [schema, subject] = await Promise.all([client.getSchema(id), client.getSubject(id)])
      try {
        return { ok: true, decoder: compileSchema(schema), subject }
      } catch (err) {
        return { ok: false, error: `schema ${id} could not be used: ${(err as Error).message}` }
      }
    } catch (err) {
      const message = (err as Error).message
      if (err instanceof RegistryError && err.unreachable) down = message
      return { ok: false, error: message }
    }
  }

  const decode = (d: Decoded, bytes: Buffer | null): Decoded => {
    if (d.format !== 'confluent') return d
    const frame = readFrame(bytes)
    if (!frame) return d
    const r = resolved.get(frame.schemaId)
    if (!r) return d
    if (!r.ok) return { ...d, error: r.error }
    try {
      const json = r.decoder.decode(frame.body)
      return { ...d, format: r.decoder.format, json, text: JSON.stringify(json), subject: r.subject }
    } catch (err) {
      return { ...d, error: `not decodable with schema ${frame.schemaId}: ${(err as Error).message}` }
    }
  }

  return {
    async prepare(records) {
      const ids = new Set<number>()
      for (const r of records) {
        for (const bytes of [keys ? r.key : null, values ? r.value : null]) {
          const id = readFrame(bytes)?.schemaId
          if (id !== undefined && !resolved.has(id)) ids.add(id)
        }
      }
      // One at a time: the first unreachable answer spares the others their timeouts.
      for (const id of ids) resolved.set(id, await resolve(id))
    },
    apply(message, record) {
      message.key = decode(message.key, record.key)
      message.value = decode(message.value, record.value)
      return message
    },
  }
}
