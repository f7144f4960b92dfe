import { QueryClient } from '@tanstack/react-query'
import { HttpError } from './fetch-json'

const MAX_RETRIES = 2

/**
 * Retry only what a second attempt can fix. A 4xx is deterministic, and a 503/504 means the server already waited
 * on the brokers for its own timeout: show those now rather than after three rounds (cf. Redpanda query-client.ts).
 */
export function shouldRetryQuery(failureCount: number, error: unknown): boolean {
  if (failureCount >= MAX_RETRIES) return false
  if (!(error instanceof HttpError)) return true
  if (error.status >= 400 && error.status < 500) return false
  return error.code !== 'broker_unavailable' && error.code !== 'timeout'
}

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 5_000, retry: shouldRetryQuery },
    },
  })
}
