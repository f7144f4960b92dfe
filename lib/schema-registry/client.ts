import 'server-only'
import type { SchemaRegistryConfig } from '@/lib/config/schema'
import type { RegistrySchema, SchemaType } from './compile-schema'

export type RegistryClient = {
  /** The schema registered under this id (cached: a registry never changes the schema behind an id). */
  getSchema(id: number): Promise<RegistrySchema>
  /** The first subject the id is registered under, or undefined when the registry does not say. */
  getSubject(id: number): Promise<string | undefined>
}

/** A registry answer that explains itself: unreachable, timed out, unknown id, refused credentials… */
export class RegistryError extends Error {
  constructor(
    message: string,
    /** True when the registry itself could not be reached: later ids would fail the same way. */
    readonly unreachable = false,
  ) {
    super(message)
  }
}

const DEFAULT_TIMEOUT_MS = 5_000
const MAX_CACHED = 1_000
const schemaCache = new Map<string, RegistrySchema>()

export function createRegistryClient(config: SchemaRegistryConfig, timeoutMs = DEFAULT_TIMEOUT_MS): RegistryClient {
  const base = config.url.replace(/\/+$/, '')
  const headers: Record<string, string> = { Accept: 'application/vnd.schemaregistry.v1+json, application/json' }
  if (config.username) {
    headers.Authorization = `Basic ${Buffer.from(`${config.username}:${config.password ?? ''}`).toString('base64')}`
  }
  const get = async (path: string): Promise<unknown> => {
    let res: Response
    try {
      res = await fetch(`${base}${path}`, { headers, signal: AbortSignal.timeout(timeoutMs) })
    } catch (err) {
      const e = err as Error
      const why = e.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : causeOf(e)
      throw new RegistryError(`Schema Registry at ${base} is unreachable: ${why}`, true)
    }
    const text = await res.text().catch(() => '')
    if (!res.ok) {
      const detail = messageOf(text)
      if (res.status === 401 || res.status === 403) {
        throw new RegistryError(`Schema Registry refused the credentials (HTTP ${res.status})${detail}`, true)
      }
      throw new RegistryError(`Schema Registry answered HTTP ${res.status} for ${path}${detail}`)
    }
    try {
      return JSON.parse(text)
    } catch {
      throw new RegistryError(`Schema Registry answered ${path} with something that is not JSON`)
    }
  }

  return {
    async getSchema(id) {
      const key = `${base}#${id}`
      const cached = schemaCache.get(key)
      if (cached) return cached
      const body = (await get(`/schemas/ids/${id}`)) as { schema?: unknown; schemaType?: unknown; references?: unknown }
      if (typeof body?.schema !== 'string') throw new RegistryError(`Schema Registry sent no schema for id ${id}`)
      const schema: RegistrySchema = {
        schema: body.schema,
        // Confluent leaves schemaType out for Avro.
        schemaType: (typeof body.schemaType === 'string' ? body.schemaType : 'AVRO') as SchemaType,
        references: Array.isArray(body.references) ? body.references : [],
      }
      if (schemaCache.size >= MAX_CACHED) schemaCache.delete(schemaCache.keys().next().value as string)
      schemaCache.set(key, schema)
      return schema
    },
    async getSubject(id) {
      const body = await get(`/schemas/ids/${id}/versions`).catch(() => undefined)
      const first = Array.isArray(body) ? (body[0] as { subject?: unknown } | undefined) : undefined
      return typeof first?.subject === 'string' ? first.subject : undefined
    },
  }
}

function causeOf(err: Error): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause
  return cause?.code ?? cause?.message ?? err.message
}

function messageOf(text: string): string {
  try {
    const m = (JSON.parse(text) as { message?: unknown }).message
    return typeof m === 'string' ? `: ${m}` : ''
  } catch {
    return ''
  }
}
