import { ApiError } from '@/lib/errors'

type KafkaLikeError = {
  name?: string
  type?: string
  message?: string
  /** Node's socket/TLS error code; kafkajs copies it onto KafkaJSConnectionError. */
  code?: string
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
  // Before the connection check: kafkajs reports TLS failures as connection errors, but "cannot reach" misleads.
  const tlsReason = tlsFailureReason(e)
  if (tlsReason)
    return new ApiError(
      'broker_unavailable',
      `TLS handshake with the Kafka brokers${cluster}${where} failed: ${tlsReason}`,
    )
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

// Node's codes for "the broker's certificate does not chain to a CA we trust".
const UNTRUSTED_CERT =
  /^(SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_UNTRUSTED)$/
// TLS alerts a broker sends when the client certificate is missing or its truststore does not accept it. Matched by
// text: Node derives its codes from OpenSSL's wording, which differs between OpenSSL versions (and Java sends "bad
// certificate" where OpenSSL servers send "certificate required").
const CLIENT_CERT_ALERTS = new Set([
  'bad certificate',
  'certificate required',
  'certificate unknown',
  'unknown ca',
  'unsupported certificate',
])

/** Why a TLS handshake failed, in words with a hint at the config to fix, or null when `e` is no TLS failure. */
function tlsFailureReason(e: KafkaLikeError): string | null {
  const code = e.code ?? ''
  const message = (e.message ?? '').replace(/^Connection error: /, '')
  if (/before secure TLS connection/.test(message)) {
    return 'the broker closed the connection during the handshake (not a TLS listener, or it wants a client certificate?)'
  }
  if (!/^ERR_(SSL|TLS)_|CERT|SELF_SIGNED|UNABLE_TO_|INVALID_CA|HOSTNAME_MISMATCH|INVALID_PURPOSE/.test(code))
    return null
  // OpenSSL messages wrap the reason in noise: "…:SSL routines:<function>:<reason>:<source file>:<line>:…".
  const raw = /SSL routines:[^:]*:([^:]+)/.exec(message)?.[1] ?? message
  const alert = /^(?:ssl\/tls|sslv3|tlsv1|tlsv13) alert (.+)$/.exec(raw)?.[1]
  if (alert && CLIENT_CERT_ALERTS.has(alert)) {
    return `the broker sent TLS alert "${alert}": it requires a client certificate it trusts (set ssl.certFile and ssl.keyFile)`
  }
  if (alert) return `the broker sent TLS alert "${alert}"`
  if (UNTRUSTED_CERT.test(code)) {
    return `${raw}; the broker's certificate is not signed by a CA Ferry trusts (set ssl.caFile to that CA)`
  }
  return raw
}
