import { z } from 'zod'
import { TopicNameSchema } from '@/lib/http/params'

// Config names are dotted lowercase words; values are strings as Kafka takes them. Bounded so bodies stay small.
const ConfigNameSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[a-zA-Z0-9._-]+$/, 'not a config name')
const ConfigValueSchema = z.string().max(32_768)
const ConfigsSchema = z
  .record(ConfigNameSchema, ConfigValueSchema)
  .refine((r) => Object.keys(r).length <= 200, 'at most 200 configs')

export const CreateTopicBodySchema = z.object({
  name: TopicNameSchema,
  partitions: z.number().int().min(1).max(100_000),
  replicationFactor: z.number().int().min(1).max(32_767),
  configs: ConfigsSchema.default({}),
  /** Validate only (Kafka validateOnly): nothing is created. */
  dryRun: z.boolean().default(false),
})

const OffsetSchema = z.string().regex(/^\d{1,19}$/, 'an offset is a non-negative integer (decimal string)')

/** The body of POST …/topics/{topic}/actions: one action, always with dryRun (a preview) or not (execute). */
export const TopicActionBodySchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('delete'), dryRun: z.boolean() }),
  z
    .object({
      action: z.literal('alter-configs'),
      dryRun: z.boolean(),
      set: ConfigsSchema.default({}),
      delete: z.array(ConfigNameSchema).max(200).default([]),
    })
    .refine((b) => b.delete.every((name) => !(name in b.set)), 'a config cannot be both set and deleted'),
  z.object({
    action: z.literal('purge'),
    dryRun: z.boolean(),
    partitions: z.array(z.number().int().min(0)).min(1).max(100_000).optional(),
    beforeOffset: z.union([z.literal('high-watermark'), OffsetSchema]).optional(),
  }),
])

export type TopicActionBody = z.infer<typeof TopicActionBodySchema>
