import 'server-only'
import type { ErrorBody } from '@/lib/errors'
import { toApiError } from '@/lib/kafka/errors'
import type { DecodedMessage, ScanRequest } from '../types'
import { scanMessages } from './scan-messages'

const encoder = new TextEncoder()

/** One Server-Sent Event. JSON data never holds a raw newline, so one data line suffices. */
export function sseEvent(event: string, data: unknown): Uint8Array<ArrayBuffer> {
  return encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
}

export function errorBodyOf(err: unknown): ErrorBody {
  const e = toApiError(err)
  if (e.code === 'internal') console.error('ferry: message scan failed', err)
  return { error: { code: e.code, message: e.message, details: e.details } }
}

const SSE_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-store, no-transform',
  'X-Accel-Buffering': 'no',
}

/** What a scan or a live tail yields: batches of messages and progress (the last one `done`). */
export type StreamEvent =
  | { type: 'messages'; messages: DecodedMessage[] }
  | { type: 'progress'; progress: { done: boolean } }

/**
 * Events as a text/event-stream: `message` (a batch of DecodedMessage), `progress`, then `done` (the final progress)
 * or `error` (the one error body). The stream is pulled, so a slow client slows the reading instead of filling a
 * buffer; it stops when the client goes away (`signal`).
 *
 * A bad request (filter, cluster) fails before the stream: as a 4xx JSON body for plain HTTP clients, or as a
 * single `error` event for EventSource clients, which cannot read the body of a failed response.
 */
export function eventStreamResponse(
  open: () => AsyncGenerator<StreamEvent>,
  signal: AbortSignal,
  eventStream: boolean,
): Response {
  let events: AsyncGenerator<StreamEvent>
  try {
    events = open()
  } catch (err) {
    if (!eventStream) throw err
    return new Response(sseEvent('error', errorBodyOf(err)), { status: 200, headers: SSE_HEADERS })
  }
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await events.next()
        if (next.done) return controller.close()
        const event = next.value
        if (event.type === 'messages') controller.enqueue(sseEvent('message', event.messages))
        else controller.enqueue(sseEvent(event.progress.done ? 'done' : 'progress', event.progress))
      } catch (err) {
        if (!signal.aborted) controller.enqueue(sseEvent('error', errorBodyOf(err)))
        controller.close()
      }
    },
    async cancel() {
      await events.return(undefined)
    },
  })
  return new Response(stream, { status: 200, headers: SSE_HEADERS })
}

/** A scan as a text/event-stream (see eventStreamResponse). */
export function scanResponse(
  clusterId: string,
  topic: string,
  request: ScanRequest,
  signal: AbortSignal,
  eventStream: boolean,
): Response {
  return eventStreamResponse(() => scanMessages(clusterId, topic, request, signal), signal, eventStream)
}
