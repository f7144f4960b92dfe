import 'server-only'
import { currentPrincipal } from '@/lib/auth/request-context'
import { getClusterConfig, getConfig } from '@/lib/config'
import { dlqTopicMatchOf, retryTopicMatchOf } from '@/lib/dlq/detect-dlq-topic'
import type { DecodedMessage } from '@/lib/messages/types'
import { compileRules, rulesFor } from './compile-rules'
import { maskMessage } from './mask-message'

export type Masker = (message: DecodedMessage) => DecodedMessage

/**
 * The masking of one topic for the current request's principal, or null when no rule applies (nothing to do).
 * Rules for a topic also cover its DLQs and retry topics (same records). Call it where the request's principal is
 * known (the route's synchronous part), not inside a stream pulled later.
 */
export function maskerFor(clusterId: string, topic: string): Masker | null {
  const cluster = getClusterConfig(clusterId)
  const all = [...compileRules(getConfig().config.masking), ...compileRules(cluster.masking)]
  if (all.length === 0) return null
  const related = [
    topic,
    dlqTopicMatchOf(topic, cluster.dlq)?.sourceTopic,
    retryTopicMatchOf(topic)?.sourceTopic,
  ].filter((t): t is string => !!t)
  const active = rulesFor(all, related, currentPrincipal()?.roles ?? null)
  return active.length === 0 ? null : (message) => maskMessage(message, active)
}

/**
 * The message as it may leave the server: the masking rules for this cluster and topic applied to key, value and
 * headers. Every output path (explorer, DLQ explorer, export, live tail) calls this before sending a message.
 * The message must already carry its bytes (base64); never attach them again afterwards.
 */
export function applyMasking(clusterId: string, topic: string, message: DecodedMessage): DecodedMessage {
  return maskerFor(clusterId, topic)?.(message) ?? message
}
