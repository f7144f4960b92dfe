import 'server-only'
import net from 'node:net'
import {
  apiVersionsV3,
  type Connection,
  type ConnectionOptions,
  ConnectionPool,
  describeQuorumV0,
  describeQuorumV1,
  describeQuorumV2,
  type SASLOptions,
} from '@platformatic/kafka'
import { getClusterConfig } from '@/lib/config'
import type { ClusterConfig } from '@/lib/config/schema'
import { ApiError } from '@/lib/errors'
import { kafkaConfigFor, registerClientPool } from './client'
import { toApiError } from './errors'

// kafkajs' describeCluster() takes the controller from the Metadata response, which on KRaft names a random live
// broker (KIP-590/KIP-919). The real controller is the leader of the metadata quorum, which only DescribeQuorum
// (API key 55) reports. Any broker answers it by forwarding to the active controller.

/** One replica of the metadata log as the quorum leader sees it. int64 values are decimal strings. */
export type QuorumReplica = {
  replicaId: number
  /** "-1" when the leader has not heard from this replica in its epoch (e.g. the replica is down). */
  logEndOffset: string
  /** Records behind the leader's log end offset, as kafka-metadata-quorum's "Lag" column prints it (never < 0). */
  lag: string
  /** Epoch milliseconds; null when unknown (DescribeQuorum v0, or never fetched). */
  lastFetchTimestamp: number | null
  lastCaughtUpTimestamp: number | null
}

export type MetadataQuorum = {
  leaderId: number
  leaderEpoch: number
  /** "-1" for a moment after an election, until the new leader commits its first record (the CLI prints it too). */
  highWatermark: string
  voters: QuorumReplica[]
  observers: QuorumReplica[]
}

type DescribeQuorumResponse = describeQuorumV2.DescribeQuorumResponse
type QuorumApi = typeof describeQuorumV2.api
type QuorumReplicaState = describeQuorumV2.DescribeQuorumResponseVoter

type QuorumConnection = { pool: ConnectionPool; ready: Promise<{ connection: Connection; api: QuorumApi }> }

const METADATA_TOPIC = '__cluster_metadata'
const DESCRIBE_QUORUM = 55
// Newest first: v1 adds fetch timestamps, v2 (Kafka 3.9+) directory ids and controller endpoints.
const QUORUM_APIS: QuorumApi[] = [describeQuorumV2.api, describeQuorumV1.api, describeQuorumV0.api]
const SASL_MECHANISMS = { plain: 'PLAIN', 'scram-sha-256': 'SCRAM-SHA-256', 'scram-sha-512': 'SCRAM-SHA-512' } as const

// One authenticated connection per cluster, kept across `next dev` reloads like the kafkajs clients.
const g = globalThis as { __ferryQuorum?: Map<string, QuorumConnection> }
g.__ferryQuorum ??= new Map<string, QuorumConnection>()
const connections: Map<string, QuorumConnection> = g.__ferryQuorum

/** The cluster's KRaft metadata quorum: leader (the active controller), epoch, high watermark, replicas. */
export async function describeMetadataQuorum(clusterId: string): Promise<MetadataQuorum> {
  const cluster = getClusterConfig(clusterId)
  const entry = quorumConnectionOf(cluster)
  const deadlineMs = cluster.connectionTimeoutMs + cluster.requestTimeoutMs
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const message = `Cluster "${clusterId}" did not describe its metadata quorum within ${deadlineMs} ms`
      reject(new ApiError('timeout', message))
    }, deadlineMs)
  })
  const request = entry.ready.then(({ connection, api }) =>
    api.async(connection, [{ topicName: METADATA_TOPIC, partitions: [{ partitionIndex: 0 }] }]),
  )
  try {
    return parseQuorum(await Promise.race([request, timeout]))
  } catch (err) {
    // A dead broker, a timeout or a protocol error: start over with a fresh connection next time.
    void dropQuorumConnection(clusterId, entry)
    throw quorumErrorOf(err, cluster)
  } finally {
    clearTimeout(timer)
  }
}

/** MetadataQuorum from a DescribeQuorum response (any version) for __cluster_metadata partition 0. */
export function parseQuorum(response: DescribeQuorumResponse): MetadataQuorum {
  const partition = response.topics
    .find((t) => t.topicName === METADATA_TOPIC)
    ?.partitions.find((p) => p.partitionIndex === 0)
  if (!partition) throw new ApiError('internal', `DescribeQuorum did not describe ${METADATA_TOPIC}-0`)
  // Only the leader answers DescribeQuorum, so a missing leader means an election is under way.
  if (partition.leaderId < 0) throw new ApiError('broker_unavailable', 'The metadata quorum has no leader; try again')
  // kafka-metadata-quorum computes "Lag" from the leader's log end offset, not from the high watermark.
  const leaderEnd =
    partition.currentVoters.find((v) => v.replicaId === partition.leaderId)?.logEndOffset ?? partition.highWatermark
  const replicaOf = (r: QuorumReplicaState): QuorumReplica => ({
    replicaId: r.replicaId,
    logEndOffset: String(r.logEndOffset),
    lag: String(leaderEnd > r.logEndOffset ? leaderEnd - r.logEndOffset : 0n),
    lastFetchTimestamp: timestampOf(r.lastFetchTimestamp),
    lastCaughtUpTimestamp: timestampOf(r.lastCaughtUpTimestamp),
  })
  return {
    leaderId: partition.leaderId,
    leaderEpoch: partition.leaderEpoch,
    highWatermark: String(partition.highWatermark),
    voters: partition.currentVoters.map(replicaOf),
    observers: partition.observers.map(replicaOf),
  }
}

/** Closes every pooled quorum connection (tests, shutdown). */
export async function closeQuorumConnections(): Promise<void> {
  const entries = [...connections.entries()]
  await Promise.allSettled(entries.map(([clusterId, entry]) => dropQuorumConnection(clusterId, entry)))
}
registerClientPool(closeQuorumConnections)

// Kafka writes -1 for "unknown"; v0 has no timestamps at all.
function timestampOf(ms: bigint): number | null {
  return ms < 0n ? null : Number(ms)
}

function quorumConnectionOf(cluster: ClusterConfig): QuorumConnection {
  const existing = connections.get(cluster.id)
  if (existing) return existing
  const pool = new ConnectionPool('ferry-console', connectionOptionsFor(cluster))
  const brokers = cluster.brokers.map(brokerOf)
  const entry: QuorumConnection = {
    pool,
    ready: pool.getFirstAvailable(brokers).then(async (connection) => {
      // Idle brokers close connections after connections.max.idle.ms; reconnect on the next call.
      const drop = () => void dropQuorumConnection(cluster.id, entry)
      connection.once('close', drop)
      connection.on('error', drop)
      return { connection, api: await quorumApiOf(connection) }
    }),
  }
  entry.ready.catch(() => undefined) // the caller sees the error; never an unhandled rejection
  connections.set(cluster.id, entry)
  return entry
}

/** The newest DescribeQuorum version both sides speak, asked on the same (authenticated) connection. */
async function quorumApiOf(connection: Connection): Promise<QuorumApi> {
  const versions = await apiVersionsV3.api.async(connection, 'ferry-console', '0.1.0')
  const range = versions.apiKeys.find((a) => a.apiKey === DESCRIBE_QUORUM)
  const api = range && QUORUM_APIS.find((a) => a.version >= range.minVersion && a.version <= range.maxVersion)
  if (!api) {
    throw new ApiError('not_found', 'The brokers do not offer DescribeQuorum: not a KRaft cluster, or older than 3.0')
  }
  return api
}

async function dropQuorumConnection(clusterId: string, entry: QuorumConnection): Promise<void> {
  if (connections.get(clusterId) === entry) connections.delete(clusterId)
  await entry.pool.close().catch(() => undefined)
}

function connectionOptionsFor(cluster: ClusterConfig): ConnectionOptions {
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

function brokerOf(address: string): { host: string; port: number } {
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
function quorumErrorOf(err: unknown, cluster: ClusterConfig): ApiError {
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
  // Refused, reset or timed-out sockets: name the innermost causes, as kafkajs failures do.
  const causes = [...new Set(chain.filter((e) => !e.cause && !e.errors?.length).map((e) => e.message))]
  return new ApiError(
    'broker_unavailable',
    `Cannot reach the Kafka brokers of cluster "${cluster.id}" (${cluster.brokers.join(', ')}): ${causes.join('; ')}`,
  )
}

function errorChainOf(err: unknown, depth = 0): ErrorLike[] {
  if (!err || typeof err !== 'object' || depth > 6) return []
  const e = err as ErrorLike
  const nested = Array.isArray(e.errors) ? e.errors : []
  return [e, ...errorChainOf(e.cause, depth + 1), ...nested.flatMap((n) => errorChainOf(n, depth + 1))]
}
