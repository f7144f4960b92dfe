import { z } from 'zod'

// Sign-in and roles. Shared by the config loader and lib/auth; no server-only imports.

export const ROLES = ['viewer', 'operator', 'admin'] as const
export const RoleSchema = z.enum(ROLES)
export type Role = z.infer<typeof RoleSchema>

const NonEmpty = z.string().trim().min(1)

/** A name or a glob: `*` matches any run of characters, e.g. `payments.*`; everything else is literal. */
const Pattern = NonEmpty.max(300)

/**
 * One grant: `role` for the listed users and/or groups, on some clusters and (optionally) only some topics or
 * consumer groups. A rule without `topics` and `consumerGroups` covers the whole cluster; with `topics` it covers
 * only matching topics; with `consumerGroups` only matching consumer groups.
 */
export const AccessRuleSchema = z
  .object({
    role: RoleSchema,
    users: z.array(NonEmpty).optional(),
    groups: z.array(NonEmpty).optional(),
    clusters: z.array(Pattern).min(1).default(['*']),
    topics: z.array(Pattern).min(1).optional(),
    consumerGroups: z.array(Pattern).min(1).optional(),
  })
  .strict()
  .refine((r) => (r.users?.length ?? 0) + (r.groups?.length ?? 0) > 0, {
    message: 'a rule names at least one of users or groups',
  })

export const OidcConfigSchema = z
  .object({
    /** The provider's issuer URL; its /.well-known/openid-configuration is read at first sign-in. */
    issuer: z.string().trim().url(),
    clientId: NonEmpty,
    /** Absent: a public client (PKCE only). */
    clientSecret: NonEmpty.optional(),
    scopes: z.array(NonEmpty).default(['openid', 'profile', 'email']),
    /** The claim naming the user (falls back to `sub`). */
    usernameClaim: NonEmpty.default('preferred_username'),
    /** The claim listing the user's groups (an array of strings, or one string). */
    groupsClaim: NonEmpty.default('groups'),
    /** Shown on the button: "Sign in with <label>". */
    label: NonEmpty.default('OpenID Connect'),
    /** Ferry's public base URL (e.g. https://ferry.example.com); the redirect URI is <publicUrl>/api/auth/oidc/callback. */
    publicUrl: z
      .string()
      .trim()
      .regex(/^https?:\/\/[^\s/]+$/, 'scheme and host only, e.g. https://ferry.example.com')
      .optional(),
  })
  .strict()

export const AuthConfigSchema = z
  .object({
    /** A YAML file of users (username, bcrypt passwordHash, roles, groups) for small teams. */
    usersFile: NonEmpty.optional(),
    oidc: OidcConfigSchema.optional(),
    session: z
      .object({
        /** Signs the session cookie; at least 32 characters. Absent: FERRY_SESSION_SECRET. */
        secret: z.string().min(32, 'at least 32 characters (e.g. `openssl rand -base64 48`)').optional(),
        maxAgeSeconds: z
          .number()
          .int()
          .min(60)
          .max(30 * 24 * 3600)
          .default(8 * 3600),
      })
      .strict()
      .default({ maxAgeSeconds: 8 * 3600 }),
    /** Roles on every cluster for members of an (OIDC or users-file) group, e.g. { kafka-admins: admin }. */
    groupRoles: z.record(NonEmpty, RoleSchema).default({}),
    /** The role every signed-in user has everywhere; absent: none (only what roles and rules grant). */
    defaultRole: RoleSchema.optional(),
    rules: z.array(AccessRuleSchema).default([]),
  })
  .strict()
  .refine((a) => a.usersFile !== undefined || a.oidc !== undefined, {
    message: 'sign-in needs a usersFile, an oidc provider, or both',
  })

export type AccessRule = z.infer<typeof AccessRuleSchema>
export type OidcConfig = z.infer<typeof OidcConfigSchema>
export type AuthConfig = z.infer<typeof AuthConfigSchema>
