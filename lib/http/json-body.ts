import 'server-only'
import type { z } from 'zod'
import { ApiError } from '@/lib/errors'

/** Mutation bodies are small (a reset names at most a few thousand partitions); anything bigger is refused unread. */
export const MAX_JSON_BODY_BYTES = 256 * 1024

/**
 * Reads a JSON request body of at most `maxBytes` and validates it: declared as another media type → 415, too big →
 * 413, not JSON → 422, schema failure → ZodError (422 through route()).
 */
export async function readJsonBody<S extends z.ZodType>(
  req: Request,
  schema: S,
  maxBytes = MAX_JSON_BODY_BYTES,
): Promise<z.infer<S>> {
  const type = req.headers.get('content-type')
  // A body declared as something else (a form post, text/plain) is refused unread; no header at all is accepted.
  if (type && !isJsonType(type))
    throw new ApiError(
      'unsupported_media_type',
      `The request body must be JSON (Content-Type: application/json), not ${type.split(';')[0]?.trim().slice(0, 100)}`,
    )
  const declared = Number(req.headers.get('content-length') ?? '0')
  if (declared > maxBytes) throw tooLarge(maxBytes)
  const text = await readCapped(req, maxBytes)
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new ApiError('invalid_input', 'The request body is not valid JSON')
  }
  return schema.parse(body)
}

/** The body as text, stopping as soon as it passes the limit (a missing content-length cannot bypass it). */
async function readCapped(req: Request, maxBytes: number): Promise<string> {
  const text = await readTextAtMost(req, maxBytes)
  if (text === undefined) throw tooLarge(maxBytes)
  return text
}

/** The body as text, or undefined once it passes `limit` bytes (reading stops there). */
export async function readTextAtMost(req: Request, limit: number): Promise<string | undefined> {
  if (!req.body) return ''
  const reader = req.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel().catch(() => undefined)
      return undefined
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** application/json, or a structured +json type, with any parameters. */
export function isJsonType(contentType: string): boolean {
  const media = contentType.split(';')[0]?.trim().toLowerCase() ?? ''
  return media === 'application/json' || /^application\/[\w.+-]+\+json$/.test(media)
}

function tooLarge(maxBytes: number): ApiError {
  return new ApiError('payload_too_large', `The request body is larger than ${Math.round(maxBytes / 1024)} KiB`)
}

/** A route segment as Next hands it over (still percent-encoded when it holds reserved characters), decoded once. */
export function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}
