import 'server-only'
import { ApiError } from '@/lib/errors'
import { readTextAtMost } from '@/lib/http/json-body'
import { type AuthSettings, getAuthSettings, UNSAFE_REMOTE_ENV } from './auth-settings'
import {
  can,
  canSomewhere,
  type Grant,
  grantsOf,
  PERMISSION_LABELS,
  type Permission,
  type Resource,
} from './permissions'
import { currentPrincipal as currentPrincipalOrNull, type Principal } from './request-context'
import { clientAddressOf, csrfRefusal, isLoopbackRequest } from './request-origin'
import { MUTATING_METHODS, matchRoute, type RouteMatch } from './route-permissions'
import { cookieValue, SESSION_COOKIE, verifySession } from './session-token'
import { loadUsers } from './users-file'

export type Access = { principal: Principal | null; clientAddress?: string }

export const LOCAL_ONLY_MESSAGE = `Ferry has no sign-in configured, so it answers only requests from this machine (127.0.0.1). Configure auth (see docs/access-control.md), or — only on a trusted network — set ${UNSAFE_REMOTE_ENV}=true.`

/** The signed-in user of a request (null: no valid session). Users-file sessions take roles from the file as it is now. */
export async function principalOf(req: Request, settings: AuthSettings): Promise<Principal | null> {
  if (settings.mode !== 'sign-in') return null
  const token = cookieValue(req.headers.get('cookie'), SESSION_COOKIE)
  const claims = token ? await verifySession(token, settings.secret) : null
  if (!claims) return null
  if (claims.via === 'oidc')
    return settings.config.oidc ? { name: claims.name, roles: [], groups: claims.groups } : null
  const file = settings.config.usersFile
  const user = file ? loadUsers(file).get(claims.name) : undefined
  return user ? { name: user.username, roles: user.roles, groups: user.groups } : null
}

/** The grants of a principal under the current settings; without sign-in, everything (the console is local-only). */
export function grantsFor(principal: Principal | null, settings: AuthSettings): Grant[] {
  if (settings.mode === 'none') return [{ role: 'admin', clusters: ['*'] }]
  return principal ? grantsOf(principal, settings.config) : []
}

/**
 * The one gate every API route passes (called by route()): local-only without sign-in, CSRF on mutations, a valid
 * session, and the permission the route table names for this method and path. Throws ApiError 401/403.
 */
export async function authorizeApiRequest(req: Request, ctx: unknown): Promise<Access> {
  const settings = getAuthSettings()
  const clientAddress = clientAddressOf(req)
  const mutating = MUTATING_METHODS.has(req.method)
  if (settings.mode === 'none') {
    if (!settings.allowRemote && !isLoopbackRequest(req)) throw new ApiError('forbidden', LOCAL_ONLY_MESSAGE)
    const csrf = mutating ? csrfRefusal(req, false) : null
    if (csrf) throw new ApiError('forbidden', `Refused: ${csrf}`)
    return { principal: null, clientAddress }
  }

  const csrf = mutating ? csrfRefusal(req, true) : null
  if (csrf) throw new ApiError('forbidden', `Refused: ${csrf}`)
  const match = matchRoute(req.method, new URL(req.url).pathname)
  const principal = await principalOf(req, settings)
  if (match && 'public' in match.rule) return { principal, clientAddress }
  if (!principal) throw new ApiError('unauthorized', 'Sign in first: this request needs a signed-in user.')
  if (!match) {
    if (mutating) throw new ApiError('forbidden', `No access rule covers ${req.method} ${new URL(req.url).pathname}`)
    return { principal, clientAddress }
  }
  await checkRoute(match, req, ctx, principal, grantsFor(principal, settings))
  return { principal, clientAddress }
}

async function checkRoute(match: RouteMatch, req: Request, ctx: unknown, principal: Principal, grants: Grant[]) {
  const rule = match.rule
  if ('public' in rule) return
  const segments = { ...match.segments, ...(await paramsOf(ctx)) }
  const needsBody = typeof rule.permission !== 'string' || rule.topicFromBody !== undefined
  const body = needsBody ? await peekJsonBody(req) : undefined
  const permissions: Permission[] =
    typeof rule.permission === 'string'
      ? [rule.permission]
      : pick(rule.permission.values, body?.[rule.permission.bodyField])
  const resource = resourceOf(segments, rule.topicFromBody ? body?.[rule.topicFromBody] : undefined)
  for (const permission of permissions) {
    if (!resource) {
      if (grants.length === 0) throw refusal(principal, permission, null)
      continue
    }
    const ok = rule.anywhereInCluster
      ? canSomewhere(grants, permission, resource.clusterId)
      : can(grants, permission, resource)
    if (!ok) throw refusal(principal, permission, resource)
  }
}

function pick(values: Record<string, Permission>, chosen: unknown): Permission[] {
  const p = typeof chosen === 'string' && Object.hasOwn(values, chosen) ? values[chosen] : undefined
  // Unknown or missing: every permission the route can need, so a malformed body never passes a weaker check.
  return p ? [p] : [...new Set(Object.values(values))]
}

function resourceOf(segments: Record<string, string>, bodyTopic: unknown): Resource | null {
  const clusterId = segments.clusterId
  if (clusterId === undefined) return null
  const topic = segments.topic ?? (typeof bodyTopic === 'string' ? bodyTopic : undefined)
  if (topic !== undefined) return { clusterId, topic }
  if (segments.groupId !== undefined) return { clusterId, group: segments.groupId }
  return { clusterId }
}

/** Next passes dynamic segments percent-encoded; the handler decodes them once, and so do we. */
async function paramsOf(ctx: unknown): Promise<Record<string, string>> {
  const params = await (ctx as { params?: Promise<Record<string, unknown>> } | undefined)?.params
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(params ?? {})) {
    if (typeof v !== 'string') continue
    try {
      out[k] = decodeURIComponent(v)
    } catch {
      out[k] = v
    }
  }
  return out
}

const PEEK_LIMIT = 256 * 1024

/** The JSON body without consuming it (the handler reads its own copy); anything unreadable is `undefined`. */
async function peekJsonBody(req: Request): Promise<Record<string, unknown> | undefined> {
  if (Number(req.headers.get('content-length') ?? '0') > PEEK_LIMIT) return undefined
  try {
    // Read at most PEEK_LIMIT bytes: a chunked body without content-length must not be buffered whole here.
    const text = await readTextAtMost(req.clone(), PEEK_LIMIT)
    if (text === undefined) return undefined
    const v: unknown = JSON.parse(text)
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

function refusal(principal: Principal, permission: Permission, resource: Resource | null): ApiError {
  const where = !resource
    ? ''
    : ` on cluster "${resource.clusterId}"${resource.topic !== undefined ? `, topic "${resource.topic}"` : ''}${resource.group !== undefined ? `, consumer group "${resource.group}"` : ''}`
  return new ApiError('forbidden', `${principal.name} may not ${PERMISSION_LABELS[permission]}${where}.`, {
    permission,
    resource,
  })
}

/**
 * For checks that depend on a request body beyond what the route table knows (e.g. a replay's target topics): throws
 * ApiError 403 (401 without a session) unless the current principal holds `permission` there. No-op without sign-in.
 */
export function assertPermission(permission: Permission, resource: Resource): void {
  const settings = getAuthSettings()
  if (settings.mode === 'none') return
  const principal = currentPrincipalOrNull()
  if (!principal) throw new ApiError('unauthorized', 'Sign in first: this request needs a signed-in user.')
  if (!can(grantsOf(principal, settings.config), permission, resource)) throw refusal(principal, permission, resource)
}

/** Whether the current principal may (for filtering lists; never the only guard). */
export function currentlyCan(permission: Permission, resource: Resource): boolean {
  const settings = getAuthSettings()
  return can(grantsFor(currentPrincipalOrNull(), settings), permission, resource)
}
