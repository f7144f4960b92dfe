import { z } from 'zod'
import { AuthConfigSchema } from './auth-schema'
import { DEFAULT_DLQ_CONFIG, DlqConfigSchema } from './dlq-schema'
import { MaskingRulesSchema } from './masking-schema'

const NonEmpty = z.string().trim().min(1)

/** host:port, as Kafka bootstrap servers are written. */
const BrokerAddressSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]+:\d{1,5}$|^\[[0-9a-fA-F:]+\]:\d{1,5}$/, 'must be host:port, e.g. 127.0.0.1:9092')

export const SaslConfigSchema = z.discriminatedUnion('mechanism', [
  z.object({ mechanism: z.literal('plain'), username: NonEmpty, password: NonEmpty }).strict(),
  z.object({ mechanism: z.literal('scram-sha-256'), username: NonEmpty, password: NonEmpty }).strict(),
  z.object({ mechanism: z.literal('scram-sha-512'), username: NonEmpty, password: NonEmpty }).strict(),
])

export const SslConfigSchema = z.union([
  z.boolean(),
  z
    .object({
      /** PEM file paths, read at start. */
      caFile: NonEmpty.optional(),
      certFile: NonEmpty.optional(),
      keyFile: NonEmpty.optional(),
      keyPassword: NonEmpty.optional(),
      /** Only for local experiments: accepting any certificate defeats TLS. */
      rejectUnauthorized: z.boolean().default(true),
    })
    .strict()
    .refine((s) => !!s.certFile === !!s.keyFile, { message: 'certFile and keyFile go together (mutual TLS)' }),
])

/** A Confluent-compatible Schema Registry (Confluent, Apicurio's /apis/ccompat/v7, Karapace…). */
export const SchemaRegistryConfigSchema = z
  .object({
    /** Base URL of the Confluent API, e.g. http://localhost:8081 */
    url: z
      .string()
      .trim()
      .regex(/^https?:\/\/[^\s/]+(\/\S*)?$/, 'must be an http(s) URL, e.g. http://localhost:8081'),
    /** Basic auth; the password stays on the server. */
    username: NonEmpty.optional(),
    password: NonEmpty.optional(),
  })
  .strict()
  .refine((s) => !s.password || !!s.username, { message: 'a password needs a username' })

export const ClusterConfigSchema = z
  .object({
    id: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lowercase letters, digits and dashes, starting with a letter or digit'),
    name: NonEmpty.optional(),
    brokers: z.array(BrokerAddressSchema).min(1, 'at least one broker address is needed'),
    ssl: SslConfigSchema.optional(),
    sasl: SaslConfigSchema.optional(),
    /** Refuse every mutating action on this cluster. */
    readOnly: z.boolean().default(false),
    connectionTimeoutMs: z.number().int().min(100).max(60_000).default(3_000),
    requestTimeoutMs: z.number().int().min(500).max(300_000).default(15_000),
    /** Decodes Confluent-framed Avro, Protobuf and JSON Schema messages in the message explorer. */
    schemaRegistry: SchemaRegistryConfigSchema.optional(),
    /** Dead-letter topics, replay safety and dashboard alerts. */
    dlq: DlqConfigSchema.default(DEFAULT_DLQ_CONFIG),
    /** Masking rules for this cluster only (applied after the global ones). */
    masking: MaskingRulesSchema.default([]),
  })
  .strict()

export const FerryConfigSchema = z
  .object({
    clusters: z
      .array(ClusterConfigSchema)
      .min(1, 'configure at least one cluster')
      .superRefine((clusters, ctx) => {
        const seen = new Set<string>()
        clusters.forEach((c, i) => {
          if (seen.has(c.id))
            ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate cluster id "${c.id}"` })
          seen.add(c.id)
        })
      }),
    /** The lag sampler: one console instance at a time polls every group's lag and keeps it in a Kafka topic. */
    lagSampling: z
      .object({
        enabled: z.boolean().default(true),
        intervalMs: z.number().int().min(1_000).max(3_600_000).default(30_000),
        /** How long samples are kept (the samples topic's retention.ms). */
        retentionMs: z
          .number()
          .int()
          .min(60_000)
          .default(7 * 24 * 3_600_000),
        /** Samples per partition the verdict judges (Burrow's window). */
        windowSamples: z.number().int().min(3).max(100).default(10),
      })
      .strict()
      .default({ enabled: true, intervalMs: 30_000, retentionMs: 7 * 24 * 3_600_000, windowSamples: 10 }),
    /** Prefix of the topics holding Ferry's own state (audit trail, jobs, history). */
    stateTopicPrefix: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,100}$/)
      .default('_ferry.'),
    /** Sign-in, roles and their rules. Absent: no sign-in, and Ferry listens on 127.0.0.1 only. */
    auth: AuthConfigSchema.optional(),
    /** Masking rules for every cluster: applied on the server before any message leaves it. */
    masking: MaskingRulesSchema.default([]),
  })
  .strict()

export type SaslConfig = z.infer<typeof SaslConfigSchema>
export type SslConfig = z.infer<typeof SslConfigSchema>
export type SchemaRegistryConfig = z.infer<typeof SchemaRegistryConfigSchema>
export type ClusterConfig = z.infer<typeof ClusterConfigSchema>
export type FerryConfig = z.infer<typeof FerryConfigSchema>
