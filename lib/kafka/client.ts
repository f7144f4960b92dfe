import 'server-only'
import {
  type Admin,
  Kafka,
  type KafkaConfig,
  logLevel,
  Partitioners,
  type Producer,
  type ProducerRecord,
  type RecordMetadata,
  type SASLOptions,
} from 'kafkajs'
import { getClusterConfig } from '@/lib/config'
import type { ClusterConfig } from '@/lib/config/schema'
import { toApiError } from './errors'
import { kafkaLogCreator } from './log'
import { createRawCluster, type RawCluster } from './raw-cluster'
import { tlsOptionsFor } from './tls-options'

// kafkajs 2.2.4 computes a negative timer in its request queue; Node 24 warns on every such timer
// (TimeoutNegativeWarning) although the behaviour is the intended "run soon". Drop only that warning.
const gw = globalThis as { __ferryWarningFilter?: boolean }
if (!gw.__ferryWarningFilter) {
  gw.__ferryWarningFilter = true
  const emit = process.emitWarning.bind(process)
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const name = typeof warning === 'string' ? (rest[0] as { type?: string } | string | undefined) : warning.name
    if ((typeof name === 'string' ? name : name?.type) === 'TimeoutNegativeWarning') return
    ;(emit as (...a: unknown[]) => void)(warning, ...rest)
  }) as typeof process.emitWarning
}

type Pooled = {
  kafka: Kafka
  admin?: Promise<Admin>
  producer?: Promise<Producer>
  /** The producer `producer` resolved to, so a broken one is dropped only if it is still the pooled one. */
  connectedProducer?: Producer
  raw?: Promise<RawCluster>
  /** Serializes users of `raw`: they set its target topics. */
  rawLock: Promise<unknown>
}

// One client set per cluster for the life of the process. Kept on globalThis so `next dev` hot reloads reuse it
// instead of opening new connections per edit.
const g = globalThis as { __ferryKafka?: Map<string, Pooled> }
g.__ferryKafka ??= new Map<string, Pooled>()
const pool: Map<string, Pooled> = g.__ferryKafka

/** kafkajs client options for a configured cluster (TLS files read here; secrets never leave the server). */
export function kafkaConfigFor(cluster: ClusterConfig, clientId = 'ferry-console'): KafkaConfig {
  return {
    clientId,
    brokers: cluster.brokers,
    connectionTimeout: cluster.connectionTimeoutMs,
    requestTimeout: cluster.requestTimeoutMs,
    // Few, quick retries: a console should say "broker down" in seconds, not after kafkajs' default ~30 s back-off.
    retry: { retries: 2, initialRetryTime: 200, maxRetryTime: 2_000 },
    // kafkajs sets SNI per broker itself, so no host here.
    ssl: tlsOptionsFor(cluster) || undefined,
    sasl: cluster.sasl as SASLOptions | undefined,
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator,
  }
}

function pooled(clusterId: string): Pooled {
  let entry = pool.get(clusterId)
  if (!entry) {
    entry = { kafka: new Kafka(kafkaConfigFor(getClusterConfig(clusterId))), rawLock: Promise.resolve() }
    pool.set(clusterId, entry)
  }
  return entry
}

/** The cluster's shared, connected admin client. A failed connect is forgotten so the next call retries. */
export function getAdmin(clusterId: string): Promise<Admin> {
  const entry = pooled(clusterId)
  if (!entry.admin) {
    const admin = entry.kafka.admin()
    const ready = admin.connect().then(() => admin)
    entry.admin = ready
    ready.catch(() => {
      if (entry.admin === ready) entry.admin = undefined
    })
  }
  return entry.admin.catch((err) => {
    throw toApiError(err, { clusterId, brokers: getClusterConfig(clusterId).brokers })
  })
}

/** The cluster's shared idempotent producer (acks=all), connected on first use. */
export function getProducer(clusterId: string): Promise<Producer> {
  const entry = pooled(clusterId)
  if (!entry.producer) {
    const producer = entry.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 5,
      allowAutoTopicCreation: false,
      // The Java client's partitioner (murmur2 of the key), named so kafkajs does not warn about its v2 change.
      createPartitioner: Partitioners.DefaultPartitioner,
    })
    const ready = producer.connect().then(() => {
      entry.connectedProducer = producer
      return producer
    })
    entry.producer = ready
    ready.catch(() => {
      if (entry.producer === ready) entry.producer = undefined
    })
  }
  return entry.producer.catch((err) => {
    throw toApiError(err, { clusterId, brokers: getClusterConfig(clusterId).brokers })
  })
}

/**
 * Sends through the cluster's shared producer. kafkajs' producer keeps refreshing metadata for every topic it ever
 * wrote to, and once one of them is deleted every later send fails with UNKNOWN_TOPIC_OR_PARTITION (measured on
 * Kafka 4.3.1 and 3.9.1). So on that error the producer is replaced and the send tried once more; a record for a
 * topic that is really missing fails again and is reported.
 */
export async function sendRecords(clusterId: string, record: ProducerRecord): Promise<RecordMetadata[]> {
  const producer = await getProducer(clusterId)
  try {
    return await producer.send(record)
  } catch (err) {
    if (!hasErrorType(err, 'UNKNOWN_TOPIC_OR_PARTITION')) throw err
    dropProducer(clusterId, producer)
    return (await getProducer(clusterId)).send(record)
  }
}

/** Forgets the pooled producer (if it is still this one) and disconnects it in the background. */
function dropProducer(clusterId: string, producer: Producer): void {
  const entry = pooled(clusterId)
  if (entry.connectedProducer !== producer) return // another caller replaced it already
  entry.producer = undefined
  entry.connectedProducer = undefined
  void producer.disconnect().catch(() => undefined)
}

type ErrorChain = { type?: string; cause?: unknown; originalError?: unknown; errors?: unknown[] }

/** Whether kafkajs' error, or any error it wraps (retries, non-retriable, aggregates), has this Kafka error type. */
function hasErrorType(err: unknown, type: string, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 8) return false
  const e = err as ErrorChain
  if (e.type === type) return true
  const inner = [e.cause, e.originalError, ...(Array.isArray(e.errors) ? e.errors : [])]
  return inner.some((i) => hasErrorType(i, type, depth + 1))
}

/** Runs one admin operation, mapping Kafka failures to ApiErrors that name the cluster and its brokers. */
export async function withAdmin<T>(clusterId: string, op: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = await getAdmin(clusterId)
  try {
    return await op(admin)
  } catch (err) {
    throw toApiError(err, { clusterId, brokers: getClusterConfig(clusterId).brokers })
  }
}

/**
 * Runs `op` with the cluster's internal kafkajs Cluster (batched ListOffsets), one caller at a time per cluster.
 * Errors are passed through unmapped; callers map them.
 */
export function withRawCluster<T>(clusterId: string, op: (cluster: RawCluster) => Promise<T>): Promise<T> {
  const entry = pooled(clusterId)
  const run = entry.rawLock.then(async () => {
    if (!entry.raw) {
      const cluster = createRawCluster(entry.kafka)
      const ready = cluster.connect().then(() => cluster)
      entry.raw = ready
      ready.catch(() => {
        if (entry.raw === ready) entry.raw = undefined
      })
    }
    return op(await entry.raw)
  })
  entry.rawLock = run.catch(() => undefined)
  return run
}

/** Disconnects every pooled client (tests, shutdown). */
export async function closeAllClients(): Promise<void> {
  const entries = [...pool.values()]
  pool.clear()
  await Promise.allSettled([
    ...entries.flatMap((e) => [
      e.admin?.then((a) => a.disconnect()),
      e.producer?.then((p) => p.disconnect()),
      e.raw?.then((c) => c.disconnect()),
    ]),
    ...[...otherPools].map((close) => close()),
  ])
}

// Pools of other clients under lib/kafka/ (which import this module) register their close function here.
const otherPools = new Set<() => Promise<void>>()

/** Makes closeAllClients() also close another pool of connections. */
export function registerClientPool(close: () => Promise<void>): void {
  otherPools.add(close)
}
