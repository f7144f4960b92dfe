// The session cookie: a signed JWT (HS256, jose) naming the user, their roles and groups, with an expiry.
import { jwtVerify, SignJWT } from 'jose'
import type { Principal } from './request-context'

export const SESSION_COOKIE = 'ferry_session'
const ISSUER = 'ferry'
const AUDIENCE = 'ferry-session'

/** `via`: how the user signed in (users-file sessions are re-checked against the file on every request). */
export type SessionClaims = Principal & { via: 'users-file' | 'oidc' }

export async function signSession(claims: SessionClaims, secret: Uint8Array, maxAgeSeconds: number): Promise<string> {
  return new SignJWT({ roles: claims.roles, groups: claims.groups ?? [], via: claims.via })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.name)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${maxAgeSeconds}s`)
    .sign(secret)
}

/** The claims of a valid, unexpired token; null for anything else. */
export async function verifySession(token: string, secret: Uint8Array): Promise<SessionClaims | null> {
  try {
    const { payload } = await jwtVerify(token, secret, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] })
    const via = payload.via === 'oidc' ? 'oidc' : payload.via === 'users-file' ? 'users-file' : null
    if (!payload.sub || !via) return null
    return { name: payload.sub, roles: strings(payload.roles), groups: strings(payload.groups), via }
  } catch {
    return null
  }
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
}

/** The value of one cookie from a Cookie header. */
export function cookieValue(cookieHeader: string | null, name: string): string | undefined {
  if (!cookieHeader) return undefined
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim())
  }
  return undefined
}

/** Set-Cookie for the session: httpOnly, SameSite=Lax (the OIDC callback is a top-level cross-site GET), Secure on https. */
export function sessionCookie(value: string, maxAgeSeconds: number, secure: boolean, name = SESSION_COOKIE): string {
  return [
    `${name}=${encodeURIComponent(value)}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${maxAgeSeconds}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ')
}

export function clearCookie(secure: boolean, name = SESSION_COOKIE): string {
  return sessionCookie('', 0, secure, name)
}
