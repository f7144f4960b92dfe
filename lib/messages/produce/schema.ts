import { z } from 'zod'

/** The POST body of …/topics/{topic}/produce; sizes are judged in produceMessage (413), not here. */
export const ProduceBodySchema = z
  .object({
    key: z.string().nullable().optional(),
    value: z.string().nullable(),
    valueFormat: z.enum(['text', 'json']),
    headers: z
      .array(z.object({ key: z.string().min(1, 'a header needs a name'), value: z.string() }).strict())
      .max(1_000)
      .default([]),
    partition: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .optional(),
  })
  .strict()
