// @platformatic/kafka's parsers throw a ResponseError as soon as one entry of a batched answer carries an error code,
// with the whole parsed answer attached. Batched callers judge each entry's own error code instead.

type WithResponse = { code?: string; response?: unknown }

/** The parsed answer of `request`, even when some of its entries carry error codes. */
export async function answerOf<T>(request: Promise<T>): Promise<T> {
  try {
    return await request
  } catch (err) {
    const e = err as WithResponse
    if (e?.code === 'PLT_KFK_RESPONSE' && e.response) return e.response as T
    throw err
  }
}
