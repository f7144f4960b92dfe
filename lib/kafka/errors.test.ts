import { describe, expect, it } from 'vitest'
import { ApiError } from '@/lib/errors'
import { toApiError } from './errors'

describe('toApiError', () => {
  it('passes ApiErrors through', () => {
    const e = new ApiError('conflict', 'x')
    expect(toApiError(e)).toBe(e)
  })
  it('maps connection failures to broker_unavailable naming the cluster and brokers', () => {
    const e = toApiError(
      { name: 'KafkaJSConnectionError', message: 'Connection error: connect ECONNREFUSED 127.0.0.1:1' },
      { clusterId: 'prod', brokers: ['127.0.0.1:1'] },
    )
    expect(e.code).toBe('broker_unavailable')
    expect(e.message).toBe(
      'Cannot reach the Kafka brokers of cluster "prod" (127.0.0.1:1): Connection error: connect ECONNREFUSED 127.0.0.1:1',
    )
  })
  it('looks through kafkajs retry wrappers to the real failure', () => {
    const e = toApiError({
      name: 'KafkaJSNumberOfRetriesExceeded',
      cause: { name: 'KafkaJSProtocolError', type: 'TOPIC_AUTHORIZATION_FAILED', message: 'denied' },
    })
    expect(e.code).toBe('forbidden')
  })
  it('maps unknown topics to not_found and retriable protocol errors to broker_unavailable', () => {
    expect(toApiError({ type: 'UNKNOWN_TOPIC_OR_PARTITION' }).code).toBe('not_found')
    expect(toApiError({ type: 'NOT_LEADER_OR_FOLLOWER', retriable: true }).code).toBe('broker_unavailable')
  })
  it('hides unexpected errors behind a generic message', () => {
    const e = toApiError(new TypeError('secret internals'))
    expect(e).toMatchObject({ code: 'internal', message: 'Unexpected server error' })
  })
})
