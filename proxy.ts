import { type NextRequest, NextResponse } from 'next/server'
import { getAuthSettings } from '@/lib/auth/auth-settings'
import { isLoopbackRequest } from '@/lib/auth/request-origin'
import { cookieValue, SESSION_COOKIE, verifySession } from '@/lib/auth/session-token'
import type { ErrorBody } from '@/lib/errors'

// First line of the access rules: pages without a session go to /login, API calls get 401, and without sign-in
// only loopback requests are answered. Each API route enforces its permission itself (route() in lib/http/route.ts).

const PUBLIC_PATHS = ['/login', '/api/auth/', '/api/health', '/api/session']
const LOCAL_ONLY =
  'Ferry has no sign-in configured, so it answers only requests from this machine (127.0.0.1). Configure auth (see docs/access-control.md), or, only on a trusted network, set FERRY_UNSAFE_ALLOW_REMOTE_WITHOUT_AUTH=true.'

function errorResponse(status: number, code: ErrorBody['error']['code'], message: string) {
  const body: ErrorBody = { error: { code, message } }
  return NextResponse.json(body, { status, headers: { 'Cache-Control': 'no-store' } })
}

export async function proxy(req: NextRequest) {
  let settings: ReturnType<typeof getAuthSettings>
  try {
    settings = getAuthSettings()
  } catch {
    // A config error: the pages and routes show it in words; nothing is served without valid settings anyway.
    return errorResponse(500, 'internal', "Ferry's configuration is invalid; see the server log")
  }
  const path = req.nextUrl.pathname
  const isApi = path.startsWith('/api/')
  if (settings.mode === 'none') {
    if (settings.allowRemote || isLoopbackRequest(req)) return NextResponse.next()
    return isApi
      ? errorResponse(403, 'forbidden', LOCAL_ONLY)
      : new NextResponse(LOCAL_ONLY, { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } })
  }
  if (PUBLIC_PATHS.some((p) => (p.endsWith('/') ? path.startsWith(p) : path === p))) return NextResponse.next()
  const token = cookieValue(req.headers.get('cookie'), SESSION_COOKIE)
  if (token && (await verifySession(token, settings.secret))) return NextResponse.next()
  if (isApi) return errorResponse(401, 'unauthorized', 'Sign in first: this request needs a signed-in user.')
  const login = new URL('/login', req.url)
  login.searchParams.set('next', `${path}${req.nextUrl.search}`)
  return NextResponse.redirect(login)
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|icon.svg|favicon.ico).*)'],
}
