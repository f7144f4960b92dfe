import 'server-only'
import { eventStreamResponse } from '../scan/scan-response'
import { tailMessages } from './tail-messages'
import type { TailRequest } from './types'

/**
 * A live tail as a text/event-stream, with the scan's events: `message` (a batch), `progress` (also the heartbeat),
 * then `done` or `error`. A slow client slows the reading; the tail then falls behind and skips (counted) rather
 * than replaying. A bad request fails before the stream, as the scan's does.
 */
export function tailResponse(
  clusterId: string,
  topic: string,
  request: TailRequest,
  signal: AbortSignal,
  eventStream: boolean,
): Response {
  return eventStreamResponse(() => tailMessages(clusterId, topic, request, signal), signal, eventStream)
}
