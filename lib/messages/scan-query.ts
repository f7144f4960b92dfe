// Shared by server and browser: a ScanRequest as URL query parameters and back (zod-validated).
import { z } from 'zod'
import { MAX_CEL_LENGTH } from './filter/limits'
import { SCAN_BOUNDS, SCAN_DEFAULTS, type ScanRequest } from './types'

const FORMATS = ['auto', 'text', 'json', 'hex', 'base64', 'msgpack'] as const
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max)

export const ScanQuerySchema = z
  .object({
    partitions: z
      .string()
      .regex(/^\d{1,6}(,\d{1,6}){0,9999}$/, 'comma-separated partition numbers')
      .optional(),
    from: z.enum(['newest', 'oldest', 'offset', 'timestamp', 'group']).default('newest'),
    offset: z
      .string()
      .regex(/^\d{1,19}$/, 'a non-negative offset')
      .optional(),
    timestamp: int(0, 8_640_000_000_000_000).optional(),
    groupId: z.string().min(1).max(255).optional(),
    direction: z.enum(['forward', 'backward']).optional(),
    limit: int(1, SCAN_BOUNDS.limit).default(SCAN_DEFAULTS.limit),
    maxScan: int(1, SCAN_BOUNDS.maxScan).default(SCAN_DEFAULTS.maxScan),
    maxMs: int(100, SCAN_BOUNDS.maxMs).default(SCAN_DEFAULTS.maxMs),
    cel: z.string().max(MAX_CEL_LENGTH).optional(),
    contains: z.string().max(1_000).optional(),
    keyFormat: z.enum(FORMATS).default('auto'),
    valueFormat: z.enum(FORMATS).default('auto'),
  })
  .superRefine((q, ctx) => {
    const need = { offset: 'offset', timestamp: 'timestamp', group: 'groupId' } as const
    const field = q.from in need ? need[q.from as keyof typeof need] : null
    if (field && q[field] === undefined)
      ctx.addIssue({ code: 'custom', path: [field], message: `required when from=${q.from}` })
  })

/** Parses query parameters into a ScanRequest; throws a ZodError on bad input. */
export function parseScanQuery(params: URLSearchParams): ScanRequest {
  const raw = Object.fromEntries([...params].filter(([, v]) => v !== ''))
  const q = ScanQuerySchema.parse(raw)
  const start: ScanRequest['start'] =
    q.from === 'offset'
      ? { from: 'offset', offset: q.offset ?? '0' }
      : q.from === 'timestamp'
        ? { from: 'timestamp', timestamp: q.timestamp ?? 0 }
        : q.from === 'group'
          ? { from: 'group', groupId: q.groupId ?? '' }
          : { from: q.from }
  const filter = q.cel || q.contains ? { cel: q.cel || undefined, contains: q.contains || undefined } : undefined
  return {
    partitions: q.partitions ? [...new Set(q.partitions.split(',').map(Number))] : undefined,
    start,
    // Newest means "the last N", which only a backward read gives; the others default to reading forward.
    direction: q.direction ?? (q.from === 'newest' ? 'backward' : 'forward'),
    limit: q.limit,
    maxScan: q.maxScan,
    maxMs: q.maxMs,
    filter,
    keyFormat: q.keyFormat,
    valueFormat: q.valueFormat,
  }
}

/** The query string of a ScanRequest (defaults left out). */
export function toScanQuery(request: ScanRequest): URLSearchParams {
  const q = new URLSearchParams()
  if (request.partitions?.length) q.set('partitions', request.partitions.join(','))
  q.set('from', request.start.from)
  if (request.start.from === 'offset') q.set('offset', request.start.offset)
  if (request.start.from === 'timestamp') q.set('timestamp', String(request.start.timestamp))
  if (request.start.from === 'group') q.set('groupId', request.start.groupId)
  q.set('direction', request.direction)
  if (request.limit !== SCAN_DEFAULTS.limit) q.set('limit', String(request.limit))
  if (request.maxScan !== SCAN_DEFAULTS.maxScan) q.set('maxScan', String(request.maxScan))
  if (request.maxMs !== SCAN_DEFAULTS.maxMs) q.set('maxMs', String(request.maxMs))
  if (request.filter?.cel) q.set('cel', request.filter.cel)
  if (request.filter?.contains) q.set('contains', request.filter.contains)
  if (request.keyFormat && request.keyFormat !== 'auto') q.set('keyFormat', request.keyFormat)
  if (request.valueFormat && request.valueFormat !== 'auto') q.set('valueFormat', request.valueFormat)
  return q
}
