import { z } from 'zod'
import { signInWithPassword } from '@/lib/auth/sign-in'
import { readJsonBody } from '@/lib/http/json-body'
import { json, route } from '@/lib/http/route'

export const dynamic = 'force-dynamic'

const BodySchema = z.object({ username: z.string().min(1).max(200), password: z.string().min(1).max(1000) }).strict()

/** Users-file sign-in: sets the session cookie. */
export const POST = route(async (req: Request) => {
  const { username, password } = await readJsonBody(req, BodySchema, 4096)
  const { cookie, user } = await signInWithPassword(req, username, password)
  return json({ user }, { headers: { 'Set-Cookie': cookie } })
})
