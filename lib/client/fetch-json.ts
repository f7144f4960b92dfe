import type { ErrorBody, ErrorCode } from '@/lib/errors'

/** `network`: the Ferry server itself did not answer; `invalid_response`: it answered with something that is not JSON. */
export type HttpErrorCode = ErrorCode | 'network' | 'invalid_response'

/** A failed API call, carrying the server's error code and message (or what went wrong before the server answered). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: HttpErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'HttpError'
  }
}

function isErrorBody(body: unknown): body is ErrorBody {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error
  return typeof error?.code === 'string' && typeof error.message === 'string'
}

/**
 * Sent on every call: the server refuses mutations without it when sign-in is on (a cross-site form cannot set it,
 * and a cross-site fetch with it needs a CORS preflight Ferry never grants). Same name as lib/auth/request-origin.ts.
 */
export const CSRF_HEADERS = { 'x-ferry-request': '1' } as const

/** GETs (or sends) JSON and returns the parsed body; every failure becomes an HttpError. */
export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  let res: Response
  try {
    res = await fetch(url, { ...init, headers: { accept: 'application/json', ...CSRF_HEADERS, ...init?.headers } })
  } catch (err) {
    if (init?.signal?.aborted) throw err // react-query cancelled it; not a failure
    throw new HttpError(0, 'network', 'Cannot reach the Ferry server. Is it running?')
  }
  // fetch resolves on 4xx/5xx; without this check an error body would render as data.
  if (!res.ok) {
    const body: unknown = await res.json().catch(() => null)
    if (res.status === 401) goToLogin()
    if (isErrorBody(body)) throw new HttpError(res.status, body.error.code, body.error.message, body.error.details)
    throw new HttpError(res.status, 'internal', `The server answered ${res.status} ${res.statusText}`.trim())
  }
  try {
    return (await res.json()) as T
  } catch {
    throw new HttpError(res.status, 'invalid_response', `The server's answer to ${url} is not JSON`)
  }
}

/** A session that expired while the page was open: back to the login page, then to where the user was. */
function goToLogin(): void {
  if (typeof window === 'undefined' || window.location.pathname === '/login') return
  const next = `${window.location.pathname}${window.location.search}`
  window.location.assign(`/login?next=${encodeURIComponent(next)}`)
}
