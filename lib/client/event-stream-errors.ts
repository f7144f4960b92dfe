import type { ErrorBody } from '@/lib/errors'
import { HttpError } from './fetch-json'

/** The `error` event of a scan or tail stream, as the HttpError the views show. */
export function httpErrorOf(body: ErrorBody): HttpError {
  return new HttpError(200, body.error.code, body.error.message, body.error.details)
}

/** The stream broke after it had started (server restart, network). */
export function streamLostError(what: string): HttpError {
  return new HttpError(0, 'network', `The connection to the Ferry server was lost during the ${what}.`)
}

/**
 * EventSource hides the body of a failed response (e.g. a 422 on the query): ask the same URL again as JSON to say
 * what went wrong. A stream that opens fine this time is stopped at its headers, so no second scan runs.
 */
export async function explainStreamFailure(url: string, what: string): Promise<HttpError> {
  const abort = new AbortController()
  try {
    const res = await fetch(url, { headers: { accept: 'application/json' }, signal: abort.signal })
    if (res.ok) abort.abort()
    const body = (await res.json().catch(() => null)) as ErrorBody | null
    if (!res.ok && body?.error)
      return new HttpError(res.status, body.error.code, body.error.message, body.error.details)
    return new HttpError(res.status, 'internal', `The ${what} could not be opened (HTTP ${res.status})`)
  } catch {
    return new HttpError(0, 'network', 'Cannot reach the Ferry server. Is it running?')
  }
}
