import { z } from 'zod'

// Data-masking rules. Owned by the masking work; until it lands, nothing is masked.
export const MaskingRulesSchema = z.array(z.object({}).passthrough())

export type MaskingRules = z.infer<typeof MaskingRulesSchema>
