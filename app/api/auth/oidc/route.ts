import { beginOidcSignIn } from '@/lib/auth/oidc'
import { route } from '@/lib/http/route'

export const dynamic = 'force-dynamic'

/** Starts the OpenID Connect code flow (PKCE): redirects to the provider. `?next=/path` is where to land after. */
export const GET = route(async (req: Request) => {
  const { location, cookie } = await beginOidcSignIn(req)
  return new Response(null, {
    status: 303,
    headers: { Location: location, 'Set-Cookie': cookie, 'Cache-Control': 'no-store' },
  })
})
