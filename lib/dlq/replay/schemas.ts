import { z } from 'zod'

// Request bodies of the replay and discard routes (api-types.ts describes them for the browser).

const Offset = z.string().regex(/^\d+$/, 'an offset is a decimal string')
const Coordinates = z.object({ partition: z.number().int().min(0), offset: Offset }).strict()

/** A records selection is capped: bigger ones are expressed as a filter. */
export const MAX_SELECTED_RECORDS = 5_000

const QuerySchema = z
  .object({
    topic: z.string().optional(),
    sourceTopic: z.string().optional(),
    errorType: z.string().optional(),
    fingerprint: z.string().optional(),
    status: z.enum(['pending', 'replayed', 'discarded']).optional(),
    from: z.string().optional(),
    to: z.string().optional(),
    text: z.string().optional(),
    cel: z.string().max(4_000).optional(),
  })
  .strict()

export const SelectionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('records'), records: z.array(Coordinates).min(1).max(MAX_SELECTED_RECORDS) }).strict(),
  z.object({ kind: z.literal('filter'), query: QuerySchema }).strict(),
])

export const ReplayOptionsSchema = z
  .object({
    targetTopic: z.string().trim().min(1).max(249).optional(),
    keepKey: z.boolean().optional(),
    stripErrorHeaders: z.boolean().optional(),
    partitioning: z.enum(['original', 'key']).optional(),
    rateLimit: z.number().positive().max(10_000_000).optional(),
    editedValue: z.string().max(900_000).optional(),
  })
  .strict()

export const ReplayRequestSchema = z
  .object({
    dlqTopic: z.string().trim().min(1),
    selection: SelectionSchema,
    options: ReplayOptionsSchema.optional(),
    dryRun: z.boolean().optional(),
  })
  .strict()

export const DiscardRequestSchema = z
  .object({
    dlqTopic: z.string().trim().min(1),
    selection: SelectionSchema,
    reason: z.string().trim().min(1).max(2_000),
  })
  .strict()
