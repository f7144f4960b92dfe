import 'server-only'
import { ApiError } from '@/lib/errors'
import { getAuthSettings } from './auth-settings'
import { isHttps } from './request-origin'
import { clearCookie, type SessionClaims, sessionCookie, signSession } from './session-token'
import { verifyPassword } from './users-file'

function signInSettings() {
  const settings = getAuthSettings()
  if (settings.mode !== 'sign-in') throw new ApiError('not_found', 'Sign-in is not configured on this Ferry')
  return settings
}

/** Set-Cookie for a new session of `claims`. */
export async function startSession(req: Request, claims: SessionClaims): Promise<string> {
  const settings = signInSettings()
  const token = await signSession(claims, settings.secret, settings.maxAgeSeconds)
  return sessionCookie(token, settings.maxAgeSeconds, isHttps(req))
}

/** Checks a users-file password; Set-Cookie on success, 401 (same words for a wrong name or password) otherwise. */
export async function signInWithPassword(
  req: Request,
  username: string,
  password: string,
): Promise<{ cookie: string; user: { name: string } }> {
  const settings = signInSettings()
  if (!settings.config.usersFile) throw new ApiError('not_found', 'Sign-in with a password is not configured')
  const user = await verifyPassword(settings.config.usersFile, username, password)
  if (!user) throw new ApiError('unauthorized', 'Wrong username or password')
  const cookie = await startSession(req, {
    name: user.username,
    roles: user.roles,
    groups: user.groups,
    via: 'users-file',
  })
  return { cookie, user: { name: user.username } }
}

export function endSessionCookie(req: Request): string {
  return clearCookie(isHttps(req))
}

/** Only same-site paths: `/clusters/x`, never `//evil.example` or `https://…` (an open redirect). */
export function safeNextPath(next: string | null | undefined): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/'
}
