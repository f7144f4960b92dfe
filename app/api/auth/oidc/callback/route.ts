import { completeOidcSignIn, OIDC_FLOW_COOKIE } from '@/lib/auth/oidc'
import { isHttps } from '@/lib/auth/request-origin'
import { clearCookie, cookieValue } from '@/lib/auth/session-token'
import { startSession } from '@/lib/auth/sign-in'
import { route } from '@/lib/http/route'

export const dynamic = 'force-dynamic'

/** The provider redirects here with the code: on success a session cookie and a redirect to where the user was going. */
export const GET = route(async (req: Request) => {
  const headers = new Headers({ 'Cache-Control': 'no-store' })
  headers.append('Set-Cookie', clearCookie(isHttps(req), OIDC_FLOW_COOKIE))
  try {
    const { claims, next } = await completeOidcSignIn(req, cookieValue(req.headers.get('cookie'), OIDC_FLOW_COOKIE))
    headers.append('Set-Cookie', await startSession(req, claims))
    headers.set('Location', next)
  } catch (err) {
    // The login page shows the reason in words; details go to the server log.
    console.error('ferry: OpenID Connect sign-in failed', err)
    const reason = err instanceof Error ? err.message : 'sign-in failed'
    headers.set('Location', `/login?error=${encodeURIComponent(reason.slice(0, 200))}`)
  }
  return new Response(null, { status: 303, headers })
})
