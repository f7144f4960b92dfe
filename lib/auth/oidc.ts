import 'server-only'
import { jwtVerify, SignJWT } from 'jose'
import * as oidc from 'openid-client'
import type { OidcConfig } from '@/lib/config/auth-schema'
import { ApiError } from '@/lib/errors'
import { getAuthSettings } from './auth-settings'
import { isHttps, isLoopbackAddress, requestOrigin } from './request-origin'
import { type SessionClaims, sessionCookie } from './session-token'
import { safeNextPath } from './sign-in'

/** Short-lived cookie carrying PKCE verifier, state and nonce between the redirect and the callback. */
export const OIDC_FLOW_COOKIE = 'ferry_oidc'
const FLOW_MAX_AGE_S = 600
const CALLBACK_PATH = '/api/auth/oidc/callback'

// Discovery is fetched once per issuer (and again after a failure).
const discovered = new Map<string, Promise<oidc.Configuration>>()

function providerOf(cfg: OidcConfig): Promise<oidc.Configuration> {
  const key = `${cfg.issuer} ${cfg.clientId}`
  let p = discovered.get(key)
  if (!p) {
    const issuer = new URL(cfg.issuer)
    // Plain http only for a provider on this machine (tests, local experiments).
    const insecure = issuer.protocol === 'http:' && isLoopbackAddress(issuer.hostname.replace(/^\[|\]$/g, ''))
    p = oidc.discovery(issuer, cfg.clientId, cfg.clientSecret, undefined, {
      ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
      timeout: 10,
    })
    p.catch(() => discovered.delete(key))
    discovered.set(key, p)
  }
  return p
}

function oidcSettings() {
  const settings = getAuthSettings()
  if (settings.mode !== 'sign-in' || !settings.config.oidc)
    throw new ApiError('not_found', 'Sign-in with OpenID Connect is not configured')
  return { settings, cfg: settings.config.oidc }
}

function redirectUri(req: Request, cfg: OidcConfig): string {
  return `${cfg.publicUrl ?? requestOrigin(req)}${CALLBACK_PATH}`
}

/** Where to send the browser to sign in, and the flow cookie to set. */
export async function beginOidcSignIn(req: Request): Promise<{ location: string; cookie: string }> {
  const { settings, cfg } = oidcSettings()
  const provider = await providerOf(cfg)
  const verifier = oidc.randomPKCECodeVerifier()
  const state = oidc.randomState()
  const nonce = oidc.randomNonce()
  const next = safeNextPath(new URL(req.url).searchParams.get('next'))
  const url = oidc.buildAuthorizationUrl(provider, {
    redirect_uri: redirectUri(req, cfg),
    scope: cfg.scopes.join(' '),
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  })
  const flow = await new SignJWT({ verifier, state, nonce, next })
    .setProtectedHeader({ alg: 'HS256' })
    .setAudience('ferry-oidc-flow')
    .setExpirationTime(`${FLOW_MAX_AGE_S}s`)
    .sign(settings.secret)
  return { location: url.href, cookie: sessionCookie(flow, FLOW_MAX_AGE_S, isHttps(req), OIDC_FLOW_COOKIE) }
}

/** Exchanges the code (PKCE, state and nonce checked) and returns who signed in and where they were going. */
export async function completeOidcSignIn(
  req: Request,
  flowToken: string | undefined,
): Promise<{ claims: SessionClaims; next: string }> {
  const { settings, cfg } = oidcSettings()
  if (!flowToken) throw new ApiError('invalid_input', 'The sign-in took too long or cookies are blocked: try again')
  let flow: { verifier: string; state: string; nonce: string; next: string }
  try {
    const { payload } = await jwtVerify(flowToken, settings.secret, {
      audience: 'ferry-oidc-flow',
      algorithms: ['HS256'],
    })
    flow = payload as typeof flow
  } catch {
    throw new ApiError('invalid_input', 'The sign-in took too long: try again')
  }
  const provider = await providerOf(cfg)
  // The URL the provider redirected to, as the browser saw it (behind a proxy, req.url is the internal one).
  const incoming = new URL(req.url)
  const current = new URL(`${redirectUri(req, cfg)}${incoming.search}`)
  const tokens = await oidc.authorizationCodeGrant(provider, current, {
    pkceCodeVerifier: flow.verifier,
    expectedState: flow.state,
    expectedNonce: flow.nonce,
    idTokenExpected: true,
  })
  const idClaims = tokens.claims()
  if (!idClaims) throw new ApiError('unauthorized', 'The provider sent no ID token')
  let all: Record<string, unknown> = { ...idClaims }
  if (all[cfg.groupsClaim] === undefined || all[cfg.usernameClaim] === undefined) {
    // Some providers put groups or the username only in userinfo.
    const info = await oidc.fetchUserInfo(provider, tokens.access_token, idClaims.sub).catch(() => null)
    if (info) all = { ...info, ...all }
  }
  const name = typeof all[cfg.usernameClaim] === 'string' ? (all[cfg.usernameClaim] as string) : idClaims.sub
  const rawGroups = all[cfg.groupsClaim]
  const groups = Array.isArray(rawGroups)
    ? rawGroups.filter((g): g is string => typeof g === 'string')
    : typeof rawGroups === 'string'
      ? [rawGroups]
      : []
  return { claims: { name, roles: [], groups, via: 'oidc' }, next: safeNextPath(flow.next) }
}
