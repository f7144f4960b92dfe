import { describe, expect, it } from 'vitest'
import { HttpError } from './fetch-json'
import { shouldRetryQuery } from './query-client'

describe('shouldRetryQuery', () => {
  it('never retries a 4xx', () => {
    expect(shouldRetryQuery(0, new HttpError(404, 'not_found', 'Unknown cluster "x"'))).toBe(false)
    expect(shouldRetryQuery(0, new HttpError(422, 'invalid_input', 'Invalid request'))).toBe(false)
  })

  // The server already waited its connection timeout: retrying would triple the wait before the error shows.
  it('does not retry unreachable brokers or broker timeouts', () => {
    expect(shouldRetryQuery(0, new HttpError(503, 'broker_unavailable', 'Cannot reach'))).toBe(false)
    expect(shouldRetryQuery(0, new HttpError(504, 'timeout', 'Timed out'))).toBe(false)
  })

  it('retries network failures and other 5xx twice', () => {
    const network = new HttpError(0, 'network', 'Cannot reach the Ferry server')
    expect(shouldRetryQuery(0, network)).toBe(true)
    expect(shouldRetryQuery(1, new HttpError(500, 'internal', 'Unexpected'))).toBe(true)
    expect(shouldRetryQuery(2, network)).toBe(false)
    expect(shouldRetryQuery(0, new TypeError('boom'))).toBe(true)
  })
})
