import 'server-only'
import { currentClientAddress, currentPrincipal } from '@/lib/auth/request-context'
import { ApiError, type ErrorBody } from '@/lib/errors'
import { limitSettingsOf } from './limit-settings'
import { type Release, Semaphore } from './semaphore'
import { KeyedRateLimiter } from './token-bucket'

export type { Release } from './semaphore'

/** What is being started: scans, exports and DLQ queries share one pool per cluster; tails have their own. */
export type ScanKind = 'scan' | 'export' | 'tail' | 'dlq-query'

/** A refusal with the seconds after which trying again makes sense (sent as Retry-After). */
export class RateLimitError extends ApiError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('rate_limited', message, { retryAfterSeconds })
  }
}

// One set of limiters per process (survives Next's dev reloads like the Kafka client pool).
type State = { users: KeyedRateLimiter; pools: Map<string, Semaphore> }
const g = globalThis as { __ferryLimits?: State }
const settings = limitSettingsOf(process.env)
g.__ferryLimits ??= { users: new KeyedRateLimiter(settings.scanBurst, settings.scansPerMinute), pools: new Map() }
const state = g.__ferryLimits

/** Who the rate limit counts against: the signed-in user, else the client address, else everyone on this server. */
export function currentLimitKey(): string {
  const principal = currentPrincipal()
  if (principal) return `user:${principal.name}`
  const address = currentClientAddress()
  return address ? `addr:${address}` : 'local'
}

function poolOf(clusterId: string, pool: 'scan' | 'tail' | 'replay'): Semaphore {
  const key = `${pool}\u0000${clusterId}`
  let semaphore = state.pools.get(key)
  if (!semaphore) {
    const max =
      pool === 'scan'
        ? settings.scansPerCluster
        : pool === 'tail'
          ? settings.tailsPerCluster
          : settings.replaysPerCluster
    semaphore = new Semaphore(max)
    state.pools.set(key, semaphore)
  }
  return semaphore
}

/** Counts one expensive request against the current user's budget; over it → RateLimitError. */
export function takeScanToken(kind: ScanKind): void {
  const take = state.users.take(currentLimitKey())
  if (take.ok) return
  const seconds = Math.max(1, Math.ceil(take.retryAfterMs / 1000))
  throw new RateLimitError(
    `Too many ${kind === 'tail' ? 'live tails' : 'scans'} started: at most ${settings.scanBurst} at once and ` +
      `${settings.scansPerMinute} a minute per user. Try again in ${seconds} s.`,
    seconds,
  )
}

/**
 * A slot in the cluster's scan pool (scan, export, DLQ query), waiting briefly when all are taken; none free in
 * time → RateLimitError. Call the release when the scan ends (it is idempotent).
 */
export async function acquireScanSlot(
  clusterId: string,
  signal?: AbortSignal,
  kind: ScanKind = 'scan',
): Promise<Release> {
  const pool = kind === 'tail' ? 'tail' : 'scan'
  const semaphore = poolOf(clusterId, pool)
  const release = await semaphore.acquire(settings.slotWaitMs, signal)
  if (release) return release
  throw new RateLimitError(
    `${semaphore.max} ${pool === 'tail' ? 'live tails are' : 'scans are'} already running on cluster "${clusterId}"; ` +
      'try again when one has finished.',
    5,
  )
}

/** A slot for one replay job on the cluster; none free → RateLimitError at once (jobs are long, waiting is pointless). */
export async function acquireReplaySlot(clusterId: string): Promise<Release> {
  const semaphore = poolOf(clusterId, 'replay')
  const release = await semaphore.acquire(0)
  if (release) return release
  throw new RateLimitError(
    `${semaphore.max} replay jobs are already running on cluster "${clusterId}"; start this one when one has finished.`,
    30,
  )
}

/** The user's budget and a cluster slot together: what a scan, export, tail or DLQ query route calls first. */
export async function limitScan(clusterId: string, kind: ScanKind, signal?: AbortSignal): Promise<Release> {
  takeScanToken(kind)
  return acquireScanSlot(clusterId, signal, kind)
}

/** The one error body, status 429 with Retry-After. */
export function rateLimitResponse(err: RateLimitError): Response {
  const body: ErrorBody = { error: { code: err.code, message: err.message, details: err.details } }
  return Response.json(body, {
    status: 429,
    headers: { 'Retry-After': String(err.retryAfterSeconds), 'Cache-Control': 'no-store' },
  })
}

/**
 * Runs a streaming route under the limits: refused → 429 with Retry-After; otherwise the slot is held until the
 * response body ends, fails or is cancelled (the client went away), and freed at once if `start` throws.
 */
export async function limitedStream(
  clusterId: string,
  kind: ScanKind,
  signal: AbortSignal,
  start: () => Response | Promise<Response>,
): Promise<Response> {
  let release: Release
  try {
    release = await limitScan(clusterId, kind, signal)
  } catch (err) {
    if (err instanceof RateLimitError) return rateLimitResponse(err)
    throw err
  }
  try {
    return releaseWhenDone(await start(), release, signal)
  } catch (err) {
    release()
    throw err
  }
}

/** The same response, whose body calls `release` once when it is read to the end, errors or is cancelled. */
export function releaseWhenDone(response: Response, release: Release, signal?: AbortSignal): Response {
  if (!response.body) {
    release()
    return response
  }
  signal?.addEventListener('abort', release, { once: true })
  const reader = response.body.getReader()
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read()
        if (done) {
          release()
          controller.close()
        } else controller.enqueue(value)
      } catch (err) {
        release()
        controller.error(err)
      }
    },
    cancel(reason) {
      release()
      return reader.cancel(reason)
    },
  })
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers })
}
