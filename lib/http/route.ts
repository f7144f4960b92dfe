import 'server-only'
import { ZodError } from 'zod'
import { authorizeApiRequest } from '@/lib/auth/authorize-request'
import { runWithPrincipal } from '@/lib/auth/request-context'
import { ApiError, type ErrorBody, STATUS_OF } from '@/lib/errors'
import { toApiError } from '@/lib/kafka/errors'

/**
 * Wraps a route handler. First the one access gate (lib/auth/authorize-request.ts: local-only without sign-in, CSRF,
 * session, the route table's permission), then the handler with the principal known to everything below it
 * (audit actor, rate limits). Every failure becomes the one error body with the right status. Zod failures are 422 with
 * the issues; unknown errors are a generic 500 and the real error goes to the server log only.
 */
export function route<Ctx>(handler: (req: Request, ctx: Ctx) => Promise<Response>) {
  return async (req: Request, ctx: Ctx): Promise<Response> => {
    try {
      const access = await authorizeApiRequest(req, ctx)
      return await runWithPrincipal(access.principal, access.clientAddress, () => handler(req, ctx))
    } catch (err) {
      const e =
        err instanceof ZodError
          ? new ApiError(
              'invalid_input',
              `Invalid request: ${err.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`,
              err.issues.map((i) => ({ path: i.path, message: i.message })),
            )
          : toApiError(err)
      if (e.code === 'internal') console.error('ferry: unexpected error in', new URL(req.url).pathname, err)
      const body: ErrorBody = { error: { code: e.code, message: e.message, details: e.details } }
      const headers: Record<string, string> = { 'Cache-Control': 'no-store' }
      // A rate-limited caller learns when to come back (the limits put retryAfterSeconds in the details).
      const retryAfter = (e.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds
      if (e.code === 'rate_limited' && typeof retryAfter === 'number')
        headers['Retry-After'] = String(Math.ceil(retryAfter))
      return Response.json(body, { status: STATUS_OF[e.code], headers })
    }
  }
}

/** JSON response that is never cached by browsers or proxies (Kafka state changes every second). */
export function json(data: unknown, init?: ResponseInit): Response {
  return Response.json(data, { ...init, headers: { 'Cache-Control': 'no-store', ...init?.headers } })
}
