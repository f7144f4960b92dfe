// How sign-in is set up for this process: from the config's `auth` key and the environment. No server-only import:
// proxy.ts uses it too.
import { getConfig } from '@/lib/config'
import type { AuthConfig } from '@/lib/config/auth-schema'
import { ConfigError } from '@/lib/config/load-config'

/** The loudly named escape hatch: without sign-in, Ferry answers only loopback requests unless this is "true". */
export const UNSAFE_REMOTE_ENV = 'FERRY_UNSAFE_ALLOW_REMOTE_WITHOUT_AUTH'
export const SESSION_SECRET_ENV = 'FERRY_SESSION_SECRET'

export type AuthSettings =
  | { mode: 'none'; allowRemote: boolean }
  | { mode: 'sign-in'; config: AuthConfig; secret: Uint8Array; maxAgeSeconds: number }

type Env = Record<string, string | undefined>

const cache = new WeakMap<object, AuthSettings>()

/** The settings for the loaded config; throws ConfigError when sign-in is configured without a session secret. */
export function getAuthSettings(env: Env = process.env): AuthSettings {
  const loaded = getConfig()
  const hit = cache.get(loaded)
  if (hit) return hit
  const settings = authSettingsOf(loaded.config.auth, env)
  cache.set(loaded, settings)
  return settings
}

export function authSettingsOf(auth: AuthConfig | undefined, env: Env): AuthSettings {
  if (!auth) return { mode: 'none', allowRemote: env[UNSAFE_REMOTE_ENV] === 'true' }
  const secret = auth.session.secret ?? env[SESSION_SECRET_ENV]
  if (!secret)
    throw new ConfigError(
      `auth: sign-in is configured but no session secret is set: set ${SESSION_SECRET_ENV} (at least 32 characters, e.g. \`openssl rand -base64 48\`) or auth.session.secret`,
    )
  if (secret.length < 32) throw new ConfigError(`${SESSION_SECRET_ENV}: at least 32 characters are needed`)
  return {
    mode: 'sign-in',
    config: auth,
    secret: new TextEncoder().encode(secret),
    maxAgeSeconds: auth.session.maxAgeSeconds,
  }
}
