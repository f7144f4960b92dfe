import 'server-only'
import { ZodError } from 'zod'
import { ApiError, type ErrorBody, STATUS_OF } from '@/lib/errors'
import { toApiError } from '@/lib/kafka/errors'

/**
 * Wraps a route handler: every failure becomes the one error body with the right status. Zod failures are 422 with
 * the issues; unknown errors are a generic 500 and the real error goes to the server log only.
 */
export function route<Ctx>(handler: (req: Request, ctx: Ctx) => Promise<Response>) {
  return async (req: Request, ctx: Ctx): Promise<Response> => {
    try {
      return await handler(req, ctx)
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
      return Response.json(body, { status: STATUS_OF[e.code], headers: { 'Cache-Control': 'no-store' } })
    }
  }
}

/** JSON response that is never cached by browsers or proxies (Kafka state changes every second). */
export function json(data: unknown, init?: ResponseInit): Response {
  return Response.json(data, { ...init, headers: { 'Cache-Control': 'no-store', ...init?.headers } })
}
