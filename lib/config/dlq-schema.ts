import { z } from 'zod'

const NonEmpty = z.string().trim().min(1)

/** A regular expression given as source text; a named group `source` gives the source topic. */
const PatternSchema = NonEmpty.refine(
  (s) => {
    try {
      new RegExp(s)
      return true
    } catch {
      return false
    }
  },
  { message: 'not a valid regular expression' },
)

/** Dead-letter handling for one cluster: what counts as a DLQ, replay safety, and when the dashboard alerts. */
export const DlqConfigSchema = z
  .object({
    /** Topics that are DLQs whatever their name, optionally with the topic their records came from. */
    explicit: z
      .array(z.union([NonEmpty, z.object({ topic: NonEmpty, sourceTopic: NonEmpty.optional() }).strict()]))
      .default([]),
    /** Kafka Connect sinks' errors.deadletterqueue.topic.name, with the connector and its `topics` when known. */
    connect: z
      .array(
        z.union([
          NonEmpty,
          z
            .object({ topic: NonEmpty, connector: NonEmpty.optional(), sourceTopics: z.array(NonEmpty).optional() })
            .strict(),
        ]),
      )
      .default([]),
    /** Extra name patterns, e.g. "^errors\\.(?<source>.+)$". */
    patterns: z.array(PatternSchema).default([]),
    /** Loop guard: a dead letter already replayed this many times is refused. */
    maxReplays: z.number().int().min(1).max(100).default(3),
    /** A replay job whose runner has not reported for this long is taken over (resumed) by another console. */
    replayLeaseMs: z.number().int().min(1_000).max(600_000).default(30_000),
    alerts: z
      .object({
        /** Inflow in the last hour versus the hourly average of the previous 7 days. */
        inflowWarningFactor: z.number().min(1).default(2),
        inflowCriticalFactor: z.number().min(1).default(5),
        /** The oldest pending dead letter older than this is an alert. */
        oldestPendingWarningMs: z
          .number()
          .int()
          .min(60_000)
          .default(24 * 3_600_000),
      })
      .strict()
      .default({ inflowWarningFactor: 2, inflowCriticalFactor: 5, oldestPendingWarningMs: 24 * 3_600_000 }),
  })
  .strict()

export type DlqConfig = z.infer<typeof DlqConfigSchema>

export const DEFAULT_DLQ_CONFIG: DlqConfig = DlqConfigSchema.parse({})
