// Shared by server and browser: a TailRequest as URL query parameters and back (zod-validated).
import { z } from 'zod'
import { MAX_CEL_LENGTH } from '../filter/limits'
import { TAIL_LIMITS, type TailRequest } from './types'

const FORMATS = ['auto', 'text', 'json', 'hex', 'base64', 'msgpack'] as const

export const TailQuerySchema = z.object({
  partitions: z
    .string()
    .regex(/^\d{1,6}(,\d{1,6}){0,9999}$/, 'comma-separated partition numbers')
    .optional(),
  maxMs: z.coerce.number().int().min(1_000).max(TAIL_LIMITS.maxMs).default(TAIL_LIMITS.maxMs),
  cel: z.string().max(MAX_CEL_LENGTH).optional(),
  contains: z.string().max(1_000).optional(),
  keyFormat: z.enum(FORMATS).default('auto'),
  valueFormat: z.enum(FORMATS).default('auto'),
})

/** Parses query parameters into a TailRequest; throws a ZodError on bad input. */
export function parseTailQuery(params: URLSearchParams): TailRequest {
  const q = TailQuerySchema.parse(Object.fromEntries([...params].filter(([, v]) => v !== '')))
  return {
    partitions: q.partitions ? [...new Set(q.partitions.split(',').map(Number))] : undefined,
    filter: q.cel || q.contains ? { cel: q.cel || undefined, contains: q.contains || undefined } : undefined,
    keyFormat: q.keyFormat,
    valueFormat: q.valueFormat,
    maxMs: q.maxMs,
  }
}

export function toTailQuery(request: TailRequest): URLSearchParams {
  const q = new URLSearchParams()
  if (request.partitions?.length) q.set('partitions', request.partitions.join(','))
  if (request.maxMs !== TAIL_LIMITS.maxMs) q.set('maxMs', String(request.maxMs))
  if (request.filter?.cel) q.set('cel', request.filter.cel)
  if (request.filter?.contains) q.set('contains', request.filter.contains)
  if (request.keyFormat && request.keyFormat !== 'auto') q.set('keyFormat', request.keyFormat)
  if (request.valueFormat && request.valueFormat !== 'auto') q.set('valueFormat', request.valueFormat)
  return q
}
