import { z } from 'zod'
import { topicNameProblem } from '@/lib/topics/actions/topic-name'

/** Cluster ids as the config schema allows them; anything else is rejected before any lookup. */
export const ClusterIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'not a valid cluster id')

export const ClusterParamsSchema = z.object({ clusterId: ClusterIdSchema })

/** Kafka allows almost any group id; bound its length and refuse control characters. */
export const GroupIdSchema = z
  .string()
  .min(1)
  .max(255)
  .refine(
    (s) => ![...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f),
    'must not contain control characters',
  )

export const GroupParamsSchema = z.object({ clusterId: ClusterIdSchema, groupId: GroupIdSchema })

/** A legal Kafka topic name (Kafka's own rules: 1–249 of [a-zA-Z0-9._-], not "." or ".."), with the reason when not. */
export const TopicNameSchema = z.string().superRefine((name, ctx) => {
  const problem = topicNameProblem(name)
  if (problem) ctx.addIssue({ code: 'custom', message: problem })
})
