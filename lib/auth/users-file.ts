import 'server-only'
import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import bcrypt from 'bcryptjs'
import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import { RoleSchema } from '@/lib/config/auth-schema'
import { ConfigError } from '@/lib/config/load-config'

const NonEmpty = z.string().trim().min(1)

export const UsersFileSchema = z
  .object({
    users: z.array(
      z
        .object({
          username: NonEmpty.max(200),
          /** bcrypt, as `npm run hash-password` prints it. */
          passwordHash: z.string().regex(/^\$2[aby]\$\d{2}\$.{53}$/, 'must be a bcrypt hash (npm run hash-password)'),
          roles: z.array(RoleSchema).default([]),
          groups: z.array(NonEmpty).default([]),
        })
        .strict(),
    ),
  })
  .strict()

export type UserEntry = z.infer<typeof UsersFileSchema>['users'][number]

// Re-read when the file changes, so removing a user or a role takes effect without a restart.
let cached: { file: string; mtimeMs: number; users: Map<string, UserEntry> } | null = null

export function loadUsers(file: string): Map<string, UserEntry> {
  const abs = path.resolve(/* turbopackIgnore: true */ file)
  let mtimeMs: number
  try {
    mtimeMs = statSync(/* turbopackIgnore: true */ abs).mtimeMs
  } catch {
    throw new ConfigError(`auth.usersFile: ${abs} does not exist`)
  }
  if (cached?.file === abs && cached.mtimeMs === mtimeMs) return cached.users
  let raw: unknown
  try {
    raw = parseYaml(readFileSync(/* turbopackIgnore: true */ abs, 'utf8'))
  } catch (err) {
    throw new ConfigError(`auth.usersFile ${abs}: not valid YAML: ${(err as Error).message}`)
  }
  const parsed = UsersFileSchema.safeParse(raw ?? { users: [] })
  if (!parsed.success)
    throw new ConfigError(
      `auth.usersFile ${abs}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    )
  const users = new Map<string, UserEntry>()
  for (const u of parsed.data.users) {
    if (users.has(u.username)) throw new ConfigError(`auth.usersFile ${abs}: duplicate username "${u.username}"`)
    users.set(u.username, u)
  }
  cached = { file: abs, mtimeMs, users }
  return users
}

// Compared against when the user is unknown, so a wrong name takes as long as a wrong password.
const DUMMY_HASH = '$2b$10$CwTycUXWue0Thq9StjUM0uJ8DPLKXt1FYdQvbgVaxCDsvYyfAzvOa'

/** The user when the password is right; null otherwise (never says which of the two was wrong). */
export async function verifyPassword(file: string, username: string, password: string): Promise<UserEntry | null> {
  const user = loadUsers(file).get(username)
  const ok = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH)
  return ok && user ? user : null
}
