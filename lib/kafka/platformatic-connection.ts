import 'server-only'
import net from 'node:net'
import {
  apiVersionsV3,
  type Broker,
  type Connection,
  type ConnectionOptions,
  ConnectionPool,
  type SASLOptions,
} from '@platformatic/kafka'
import type { ClusterConfig } from '@/lib/config/schema'
import { ApiError } from '@/lib/errors'
import { kafkaConfigFor, registerClientPool } from './client'
import { toApiError } from './errors'

// @platformatic/kafka's network layer speaks APIs kafkajs lacks (DescribeQuorum, ListGroups v5, the KIP-848/932/1071
// group describes). One authenticated ConnectionPool per cluster serves them all; it opens one connection per broker
// it is asked for (bootstrap, group coordinators) and reuses it.

export type ApiRange = { minVersion: number; maxVersion: number }

export type ClusterConnections = {
  pool: ConnectionPool
  /**
   * A connection to the first bootstrap broker that answers, with the API versions it supports (by API key) and the
   * cluster's finalized feature levels (e.g. group.version, share.version).
   */
  bootstrap: Promise<{ connection: Connection; apiVersions: Map<number, ApiRange>; features: Map<string, number> }>
}

const SASL_MECHANISMS = { plain: 'PLAIN', 'scram-sha-256': 'SCRAM-SHA-256', 'scram-sha-512': 'SCRAM-SHA-512' } as const

// Kept on globalThis so `next dev` hot reloads reuse the connections, like the kafkajs clients.
const g = globalThis as { __ferryPlatformatic?: Map<string, ClusterConnections> }
g.__ferryPlatformatic ??= new Map<string, ClusterConnections>()
const pools: Map<string, ClusterConnections> = g.__ferryPlatformatic

/** The cluster's pooled @platformatic/kafka connections. A failed bootstrap is forgotten so the next call retries. */
export function clusterConnectionsOf(cluster: ClusterConfig): ClusterConnections {
  const existing = pools.get(cluster.id)
  if (existing) return existing
  const pool = new ConnectionPool('ferry-console', connectionOptionsFor(cluster))
  const entry: ClusterConnections = {
    pool,
    bootstrap: pool.getFirstAvailable(cluster.brokers.map(brokerOf)).then(async (connection) => {
      // Idle brokers close connections after connections.max.idle.ms; start over on the next call.
      const drop = () => void dropClusterConnections(cluster.id, entry)
      connection.once('close', drop)
      connection.on('error', drop)
      const versions = await apiVersionsV3.api.async(connection, 'ferry-console', '0.1.0')
      const apiVersions = new Map(versions.apiKeys.map((a) => [a.apiKey, a] as const))
      const features = new Map((versions.finalizedFeatures ?? []).map((f) => [f.name, f.maxVersionLevel] as const))
      return { connection, apiVersions, features }
    }),
  }
  entry.bootstrap.catch(() => {
    void dropClusterConnections(cluster.id, entry)
  })
  pools.set(cluster.id, entry)
  return entry
}

/** A pooled connection to one broker (e.g. a group coordinator) of the cluster. */
export function brokerConnectionOf(cluster: ClusterConfig, broker: Broker): Promise<Connection> {
  return clusterConnectionsOf(cluster).pool.get(broker)
}

/** The newest of `apis` (newest first) whose version the broker's range for their API key includes. */
export function newestSupported<A extends { key: number; version: number }>(
  apiVersions: Map<number, ApiRange>,
  apis: A[],
): A | undefined {
  return apis.find((a) => {
    const range = apiVersions.get(a.key)
    return range !== undefined && a.version >= range.minVersion && a.version <= range.maxVersion
  })
}

/** Forgets and closes the cluster's connections (after a failure: the next call starts over). */
export async function dropClusterConnections(clusterId: string, entry?: ClusterConnections): Promise<void> {
  const current = pools.get(clusterId)
  if (!current || (entry && current !== entry)) {
    await entry?.pool.close().catch(() => undefined)
    return
  }
  pools.delete(clusterId)
  await current.pool.close().catch(() => undefined)
}

/** Closes every pooled @platformatic/kafka connection (tests, shutdown). */
export async function closePlatformaticConnections(): Promise<void> {
  const entries = [...pools.entries()]
  await Promise.allSettled(entries.map(([clusterId, entry]) => dropClusterConnections(clusterId, entry)))
}
registerClientPool(closePlatformaticConnections)

/** Rejects with an ApiError('timeout') when `work` takes longer than the cluster's connect + request timeouts. */
export async function withinDeadline<T>(cluster: ClusterConfig, work: Promise<T>, what: string): Promise<T> {
  const deadlineMs = cluster.connectionTimeoutMs + cluster.requestTimeoutMs
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new ApiError('timeout', `Cluster "${cluster.id}" did not ${what} within ${deadlineMs} ms`)),
      deadlineMs,
    )
  })
  try {
    return await Promise.race([work, timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** @platformatic/kafka connection options with the cluster's TLS material, SASL credentials and timeouts. */
export function connectionOptionsFor(cluster: ClusterConfig): ConnectionOptions {
  // Same TLS material as the kafkajs clients (files read here, once per connection pool).
  const ssl = kafkaConfigFor(cluster).ssl
  const tls = ssl === true ? {} : ssl || undefined
  const sasl: SASLOptions | undefined = cluster.sasl && {
    mechanism: SASL_MECHANISMS[cluster.sasl.mechanism],
    username: cluster.sasl.username,
    password: cluster.sasl.password,
  }
  // SNI must be a host name, never an IP literal.
  const named = cluster.brokers.every((b) => net.isIP(brokerOf(b).host) === 0)
  return {
    connectTimeout: cluster.connectionTimeoutMs,
    requestTimeout: cluster.requestTimeoutMs,
    tls,
    tlsServerName: tls && named ? true : undefined,
    sasl,
  }
}

/** "host:port" (IPv6 in brackets or not) as host and port. */
export function brokerOf(address: string): { host: string; port: number } {
  const colon = address.lastIndexOf(':')
  return { host: address.slice(0, colon).replace(/^\[|\]$/g, ''), port: Number(address.slice(colon + 1)) }
}

type ErrorLike = {
  message?: string
  code?: string
  apiId?: string
  serverErrorMessage?: string | null
  canRetry?: boolean
  cause?: unknown
  errors?: unknown[]
}

/** Maps @platformatic/kafka failures (nested NetworkError / AuthenticationError / ResponseError) to an ApiError. */
export function platformaticErrorOf(err: unknown, cluster: ClusterConfig): ApiError {
  if (err instanceof ApiError) return err
  const chain = errorChainOf(err)
  const auth = chain.find((e) => e.code === 'PLT_KFK_AUTHENTICATION')
  const protocol = chain.find((e) => typeof e.apiId === 'string')
  if (auth) {
    const reason = protocol?.serverErrorMessage || auth.message
    return new ApiError(
      'broker_unavailable',
      `Kafka rejected the SASL credentials of cluster "${cluster.id}": ${reason}`,
    )
  }
  if (protocol) {
    const message = protocol.serverErrorMessage || protocol.message
    return toApiError({ type: protocol.apiId, message, retriable: protocol.canRetry }, { clusterId: cluster.id })
  }
  // Refused, reset or timed-out sockets: name the innermost causes, as kafkajs failures do. Anything else (a bug,
  // a garbled answer) goes through toApiError, which keeps its message.
  const causes = [...new Set(chain.filter((e) => !e.cause && !e.errors?.length).map((e) => e.message))]
  const network = chain.some((e) => e.code === 'PLT_KFK_NETWORK' || e.code === 'PLT_KFK_TIMEOUT')
  if (network || causes.some((m) => NETWORK_FAILURE.test(m ?? ''))) {
    return new ApiError(
      'broker_unavailable',
      `Cannot reach the Kafka brokers of cluster "${cluster.id}" (${cluster.brokers.join(', ')}): ${causes.join('; ')}`,
    )
  }
  return toApiError(err, { clusterId: cluster.id })
}

const NETWORK_FAILURE = /ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|ECONNRESET|EPIPE|socket|closed|timeout/i

/** The error, its causes and nested errors, depth-first. */
export function errorChainOf(err: unknown, depth = 0): ErrorLike[] {
  if (!err || typeof err !== 'object' || depth > 6) return []
  const e = err as ErrorLike
  const nested = Array.isArray(e.errors) ? e.errors : []
  return [e, ...errorChainOf(e.cause, depth + 1), ...nested.flatMap((n) => errorChainOf(n, depth + 1))]
}
