import { endSessionCookie } from '@/lib/auth/sign-in'
import { json, route } from '@/lib/http/route'

export const dynamic = 'force-dynamic'

/** Ends the session (the cookie is cleared; tokens are short-lived and carry no server state). */
export const POST = route(async (req: Request) =>
  json({ ok: true }, { headers: { 'Set-Cookie': endSessionCookie(req) } }),
)
