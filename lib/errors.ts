// Shared by server and browser: no imports.

export type ErrorCode =
  | 'invalid_input'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'broker_unavailable'
  | 'timeout'
  | 'internal'

export const STATUS_OF: Record<ErrorCode, number> = {
  invalid_input: 422,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  broker_unavailable: 503,
  timeout: 504,
  internal: 500,
}

/** The one error body every API route returns. */
export type ErrorBody = { error: { code: ErrorCode; message: string; details?: unknown } }

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}
