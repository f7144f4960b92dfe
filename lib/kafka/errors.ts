import { ApiError } from '@/lib/errors'

type KafkaLikeError = {
  name?: string
  type?: string
  message?: string
  cause?: unknown
  originalError?: unknown
  retriable?: boolean
}

/** Turns a kafkajs (or socket) failure into the error the API returns. Unknown errors become `internal`. */
export function toApiError(err: unknown, context?: { brokers?: string[]; clusterId?: string }): ApiError {
  if (err instanceof ApiError) return err
  const e = (err ?? {}) as KafkaLikeError
  // kafkajs wraps the last failure once its retries give up; judge by that failure.
  if (e.name === 'KafkaJSNumberOfRetriesExceeded' && e.cause) return toApiError(e.cause, context)
  if (e.originalError && e.name === 'KafkaJSNonRetriableError') return toApiError(e.originalError, context)
  const where = context?.brokers ? ` (${context.brokers.join(', ')})` : ''
  const cluster = context?.clusterId ? ` of cluster "${context.clusterId}"` : ''
  if (
    e.name === 'KafkaJSConnectionError' ||
    e.name === 'KafkaJSConnectionClosedError' ||
    e.name === 'KafkaJSBrokerNotFound' ||
    e.name === 'KafkaJSRequestTimeoutError' ||
    e.name === 'KafkaJSLockTimeout' ||
    /ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|Connection timeout/.test(e.message ?? '')
  ) {
    return new ApiError(
      'broker_unavailable',
      `Cannot reach the Kafka brokers${cluster}${where}: ${e.message ?? e.name}`,
    )
  }
  if (e.name === 'KafkaJSSASLAuthenticationError')
    return new ApiError('broker_unavailable', `Kafka rejected the SASL credentials${cluster}: ${e.message}`)
  if (e.type === 'UNKNOWN_TOPIC_OR_PARTITION') return new ApiError('not_found', 'Topic or partition not found')
  if (e.type === 'TOPIC_ALREADY_EXISTS') return new ApiError('conflict', e.message ?? 'Topic already exists')
  if (e.type === 'GROUP_ID_NOT_FOUND') return new ApiError('not_found', 'Consumer group not found')
  if (e.type?.endsWith('_AUTHORIZATION_FAILED'))
    return new ApiError('forbidden', `Kafka denied the request (${e.type})${cluster}`)
  if (e.type === 'INVALID_CONFIG' || e.type === 'INVALID_REQUEST' || e.type === 'POLICY_VIOLATION')
    return new ApiError('invalid_input', `Kafka refused the request: ${e.message}`)
  // Leadership moving, coordinator loading…: Kafka itself says to try again.
  if (e.retriable && e.type)
    return new ApiError('broker_unavailable', `Kafka is not ready to answer${cluster} (${e.type}); try again`)
  return new ApiError('internal', 'Unexpected server error')
}
