import 'server-only'

export { executeOffsetReset } from './execute-offset-reset'
export { planOffsetReset } from './plan-offset-reset'
export { ResetOffsetsBodySchema, ResetOffsetsRequestSchema } from './schema'
export type * from './types'
