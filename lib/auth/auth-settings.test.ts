import { describe, expect, it } from 'vitest'
import { AuthConfigSchema } from '@/lib/config/auth-schema'
import { ConfigError } from '@/lib/config/load-config'
import { authSettingsOf } from './auth-settings'

describe('authSettingsOf', () => {
  const auth = AuthConfigSchema.parse({ usersFile: 'users.yaml' })

  it('without auth: local-only unless the unsafe variable is exactly "true"', () => {
    expect(authSettingsOf(undefined, {})).toEqual({ mode: 'none', allowRemote: false })
    expect(authSettingsOf(undefined, { FERRY_UNSAFE_ALLOW_REMOTE_WITHOUT_AUTH: '1' })).toMatchObject({
      allowRemote: false,
    })
    expect(authSettingsOf(undefined, { FERRY_UNSAFE_ALLOW_REMOTE_WITHOUT_AUTH: 'true' })).toMatchObject({
      allowRemote: true,
    })
  })

  it('with auth: a session secret is required, from the config or FERRY_SESSION_SECRET', () => {
    expect(() => authSettingsOf(auth, {})).toThrow(ConfigError)
    expect(() => authSettingsOf(auth, {})).toThrow(/FERRY_SESSION_SECRET/)
    expect(() => authSettingsOf(auth, { FERRY_SESSION_SECRET: 'too short' })).toThrow(/32 characters/)
    expect(authSettingsOf(auth, { FERRY_SESSION_SECRET: 's'.repeat(32) })).toMatchObject({ mode: 'sign-in' })
  })
})
