import { z } from 'zod'

// Sign-in and roles. Owned by the access-control work; until it lands, Ferry runs without sign-in.
export const AuthConfigSchema = z.object({}).passthrough()

export type AuthConfig = z.infer<typeof AuthConfigSchema>
