import { z } from 'zod'
import { JsonPathError, parseJsonPath } from '@/lib/masking/json-path'
import { namePatternError } from '@/lib/masking/name-pattern'

// Data-masking rules: applied on the server before a message leaves it (explorer, DLQ explorer, exports, live tail).
// Patterns, regexes and JSONPaths are checked here so a bad one stops the server with the field named.

const NonEmpty = z.string().trim().min(1)

const NamePatternSchema = NonEmpty.superRefine((s, ctx) => {
  const error = namePatternError(s)
  if (error) ctx.addIssue({ code: 'custom', message: `not a valid pattern: ${error}` })
})

const JsonPathSchema = NonEmpty.superRefine((s, ctx) => {
  try {
    parseJsonPath(s)
  } catch (err) {
    if (!(err instanceof JsonPathError)) throw err
    ctx.addIssue({ code: 'custom', message: `not a supported JSONPath: ${err.message}` })
  }
})

const RegexSchema = NonEmpty.superRefine((s, ctx) => {
  try {
    new RegExp(s, 'g')
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `not a valid regular expression: ${(err as Error).message}` })
  }
})

/**
 * How a key or value is masked. jsonPaths: those fields of the JSON (or MessagePack, or Schema Registry decoded)
 * payload are masked ("****", 0, false, {}, []) or removed. regex: every match in the payload's text is replaced
 * (`$1` refers to groups). Neither: the whole payload is masked ("****") or removed (null). A payload the rule cannot
 * read (not JSON for jsonPaths, not text for regex) is masked whole unless onUnparsed is "keep".
 */
export const MaskingPartSchema = z
  .object({
    jsonPaths: z.array(JsonPathSchema).min(1).optional(),
    action: z.enum(['mask', 'remove']).default('mask'),
    regex: RegexSchema.optional(),
    replace: z.string().optional(),
    onUnparsed: z.enum(['mask', 'keep']).default('mask'),
  })
  .strict()
  .refine((p) => p.replace === undefined || p.regex !== undefined, {
    message: '"replace" goes with "regex"',
    path: ['replace'],
  })
  .refine((p) => p.regex === undefined || p.action === 'mask' || p.jsonPaths !== undefined, {
    message: '"action: remove" applies to jsonPaths or the whole payload, not to a regex (use replace: "")',
    path: ['action'],
  })

/** Headers by name (case-insensitive glob or /regex/): their values masked ("****") or the headers removed. */
export const MaskingHeadersSchema = z
  .object({
    names: z.array(NamePatternSchema).min(1),
    action: z.enum(['mask', 'remove']).default('mask'),
  })
  .strict()

export const MaskingRuleSchema = z
  .object({
    /** Topic names: globs (`payments.*`) or `/regex/`. A rule also covers the DLQs and retry topics of these. */
    topics: z.array(NamePatternSchema).min(1),
    key: MaskingPartSchema.optional(),
    value: MaskingPartSchema.optional(),
    headers: MaskingHeadersSchema.optional(),
    /** Principals with one of these roles see the data unmasked (never anyone when there is no sign-in). */
    exemptRoles: z.array(NonEmpty).default([]),
  })
  .strict()
  .refine((r) => r.key || r.value || r.headers, { message: 'a rule masks at least one of key, value or headers' })

export const MaskingRulesSchema = z.array(MaskingRuleSchema)

export type MaskingPart = z.infer<typeof MaskingPartSchema>
export type MaskingHeaders = z.infer<typeof MaskingHeadersSchema>
export type MaskingRule = z.infer<typeof MaskingRuleSchema>
export type MaskingRules = z.infer<typeof MaskingRulesSchema>
