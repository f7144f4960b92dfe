import { z } from 'zod'
import { MAX_CEL_LENGTH } from '@/lib/messages/filter/limits'

const Text = z.string().trim().min(1).max(1_000)
/** ISO time or epoch milliseconds, as epoch ms. */
const Time = z
  .string()
  .trim()
  .refine((s) => Number.isFinite(timeOf(s)), 'not an ISO time or epoch milliseconds')

export function timeOf(s: string): number {
  return /^\d+$/.test(s) ? Number(s) : Date.parse(s)
}

/** DeadLetterQuery (api-types.ts) as query parameters or a JSON body; every field optional. */
export const DeadLetterQuerySchema = z
  .object({
    topic: Text.optional(),
    sourceTopic: Text.optional(),
    errorType: Text.optional(),
    fingerprint: Text.optional(),
    status: z.enum(['pending', 'replayed', 'discarded']).optional(),
    from: Time.optional(),
    to: Time.optional(),
    text: Text.optional(),
    cel: z.string().max(MAX_CEL_LENGTH).optional(),
  })
  .strict()

export const MAX_PAGE = 500

export const DeadLetterListSchema = DeadLetterQuerySchema.extend({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(100),
  cursor: z.string().max(2_000).optional(),
}).strict()

/** The query string as an object (empty values dropped), ready for the schemas. */
export function queryObjectOf(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of params) if (v !== '') out[k] = v
  return out
}
