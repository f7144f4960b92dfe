import { z } from 'zod'
import { TopicNameSchema } from '@/lib/http/params'

const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n
const INTEGER = /^[+-]?\d{1,19}$/

/** A signed int64 as a decimal string (JSON numbers lose precision beyond 2^53). */
export const Int64StringSchema = z
  .string()
  .trim()
  .regex(INTEGER, 'must be a whole number')
  // zod runs every check even after one failed: only judge the range of what is an integer.
  .refine(
    (s) => !INTEGER.test(s) || (BigInt(s) >= INT64_MIN && BigInt(s) <= INT64_MAX),
    'must fit in a signed 64-bit integer',
  )

/** Kafka's legal topic names. */

// An ISO date needs its zone: the server's local time is nobody's intent.
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/

/** Epoch ms (≥ 0), or an ISO date with a zone ("2025-01-31T12:00:00Z"). */
export const TimestampSchema = z.union([
  z.number().int().min(0).max(8_640_000_000_000_000),
  z
    .string()
    .regex(ISO_WITH_ZONE, 'must be an ISO date with a zone, e.g. 2025-01-31T12:00:00Z')
    .refine((s) => Number.isFinite(Date.parse(s)) && Date.parse(s) >= 0, 'not a valid date'),
])

export const ResetScopeSchema = z.union([
  z
    .object({
      topics: z
        .array(
          z
            .object({
              topic: TopicNameSchema,
              partitions: z.array(z.number().int().min(0).max(1_000_000)).min(1).max(10_000).optional(),
            })
            .strict(),
        )
        .min(1, 'name at least one topic')
        .max(1_000),
    })
    .strict(),
  z.object({ allCommittedTopics: z.literal(true) }).strict(),
])

export const ResetModeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('earliest') }).strict(),
  z.object({ kind: z.literal('latest') }).strict(),
  z.object({ kind: z.literal('timestamp'), timestamp: TimestampSchema }).strict(),
  z.object({ kind: z.literal('offset'), offset: Int64StringSchema }).strict(),
  z.object({ kind: z.literal('shift'), by: Int64StringSchema }).strict(),
])

/** What planOffsetReset and executeOffsetReset take (matches ResetOffsetsRequest in types.ts). */
export const ResetOffsetsRequestSchema = z.object({ scope: ResetScopeSchema, mode: ResetModeSchema }).strict()

/** The reset route's body: the request plus whether to only preview it. */
export const ResetOffsetsBodySchema = z
  .object({ dryRun: z.boolean(), scope: ResetScopeSchema, mode: ResetModeSchema })
  .strict()
