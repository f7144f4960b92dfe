import { type Admin, Kafka, logLevel } from 'kafkajs'
import { AVRO_PAYMENTS_TOPIC, type AvroPayments, startAvroPayments } from './avro-payments'
import {
  type ConsumerStats,
  DEMO_GROUP,
  hasCommittedOffsets,
  type RunningConsumers,
  seedLegacyReportingOffsets,
  startConsumers,
} from './consumers'
import { demoLogCreator, logDemo, retryUntilDone, sleep, warnDemo } from './demo-log'
import { TRAFFIC_MIX } from './events'
import {
  DEFAULT_RATE_PER_SECOND,
  type ProducerStats,
  type RunningProducers,
  seedBacklog,
  startProducers,
} from './producers'
import { ensureDemoTopics } from './seed-topics'
import { DEMO_TOPIC, SOURCE_TOPICS } from './topics'

export type DemoWorkloadOptions = {
  /** Bootstrap servers, as a list or comma-separated ("127.0.0.1:9092"). */
  brokers: string | string[]
  /** Average messages per second over all topics (default 20). */
  ratePerSecond?: number
  /** Historical events written on first start (default 3000). */
  backlogSize?: number
  clientId?: string
  /** Aborting stops set-up retries (e.g. Ctrl-C while the broker is still down). */
  signal?: AbortSignal
  /** Confluent API of a Schema Registry: adds an Avro topic whose schema is registered there. */
  schemaRegistryUrl?: string
}

export type DemoStats = ProducerStats & ConsumerStats

export type DemoWorkload = {
  stop(): Promise<void>
  stats(): DemoStats
}

export const DEFAULT_BACKLOG_SIZE = 3000
/** With the broker already gone, kafkajs retries disconnects for a long time; shutting down should not wait. */
const STOP_TIMEOUT_MS = 10_000

/** A kafkajs client that only reports errors, each as one short `demo:` line. */
export function createDemoKafka(brokers: string | string[], clientId = 'ferry-demo'): Kafka {
  return new Kafka({
    clientId,
    // Accept "a:9092,b:9092" inside a list too, as LocalKafka.bootstrap is one comma-separated string.
    brokers: (typeof brokers === 'string' ? [brokers] : brokers).flatMap((b) => b.split(',').map((s) => s.trim())),
    connectionTimeout: 3_000,
    retry: { retries: 5, initialRetryTime: 300, maxRetryTime: 5_000 },
    logLevel: logLevel.ERROR,
    logCreator: demoLogCreator,
  })
}

export type DemoSetup = {
  createdTopics: string[]
  seededRecords: number
  legacyOffsetsSeeded: boolean
  /** shipping-stopped has run before (it only runs once per cluster). */
  shippingAlreadyRan: boolean
}

/** Creates the topics, writes the backlog on an empty cluster and commits legacy-reporting's old offsets. */
export async function prepareDemoData(kafka: Kafka, backlogSize = DEFAULT_BACKLOG_SIZE): Promise<DemoSetup> {
  const admin = kafka.admin()
  await admin.connect()
  try {
    const createdTopics = await ensureDemoTopics(admin)
    const seededRecords = (await sourceTopicsHoldData(admin)) ? 0 : await seedBacklog(kafka, backlogSize)
    const legacyOffsetsSeeded = await seedLegacyReportingOffsets(admin)
    const shippingAlreadyRan = await hasCommittedOffsets(admin, DEMO_GROUP.shipping, DEMO_TOPIC.shipping)
    return { createdTopics, seededRecords, legacyOffsetsSeeded, shippingAlreadyRan }
  } finally {
    await admin.disconnect().catch(() => undefined)
  }
}

async function sourceTopicsHoldData(admin: Admin): Promise<boolean> {
  for (const topic of SOURCE_TOPICS) {
    const offsets = await admin.fetchTopicOffsets(topic)
    if (offsets.some((p) => Number(p.high) > 0)) return true
  }
  return false
}

/**
 * Starts the demo traffic against a cluster: topics, a one-off backlog, a steady produce loop and five consumer
 * groups in distinct states. Resolves once set-up is done (retrying while the cluster is unreachable). Failures
 * later on are logged as `demo:` lines and retried; they never throw out of here.
 */
export async function startDemoWorkload(options: DemoWorkloadOptions): Promise<DemoWorkload> {
  const ratePerSecond = options.ratePerSecond ?? DEFAULT_RATE_PER_SECOND
  const kafka = createDemoKafka(options.brokers, options.clientId)
  const abort = new AbortController()
  options.signal?.addEventListener('abort', () => abort.abort(), { once: true })

  // The Avro topic sets up next to the JSON ones; ~1 record/s at the default rate keeps it a side stream.
  const avroReady: Promise<AvroPayments | null> = options.schemaRegistryUrl
    ? startAvroPayments(kafka, options.schemaRegistryUrl, { perSecond: ratePerSecond / 20, signal: abort.signal })
    : Promise.resolve(null)
  const [setup, avroPayments] = await Promise.all([
    retryUntilDone(
      'demo set-up',
      () => prepareDemoData(kafka, options.backlogSize ?? DEFAULT_BACKLOG_SIZE),
      abort.signal,
    ),
    avroReady,
  ])
  if (!setup) {
    await avroPayments?.stop()
    return { stop: async () => {}, stats: () => ({ produced: 0, byTopic: {}, consumed: {}, deadLetters: {} }) }
  }
  if (setup.createdTopics.length > 0) logDemo(`created ${setup.createdTopics.length} topics`)
  if (setup.seededRecords > 0) logDemo(`seeded ${setup.seededRecords} historical events`)

  const totalWeight = Object.values(TRAFFIC_MIX).reduce((a, b) => a + b, 0)
  const producers: RunningProducers = startProducers(kafka, { ratePerSecond })
  const consumers: RunningConsumers = startConsumers(kafka, {
    ordersPerSecond: (ratePerSecond * TRAFFIC_MIX[DEMO_TOPIC.orders]) / totalWeight,
    runShippingStopped: !setup.shippingAlreadyRan,
  })
  logDemo(`producing ~${ratePerSecond} msg/s; consumer groups: ${Object.values(DEMO_GROUP).join(', ')}`)

  let stopping: Promise<void> | undefined
  return {
    stats: () => {
      const stats = { ...producers.stats(), ...consumers.stats() }
      if (!avroPayments) return stats
      const avro = avroPayments.produced()
      return {
        ...stats,
        produced: stats.produced + avro,
        byTopic: { ...stats.byTopic, [AVRO_PAYMENTS_TOPIC]: avro },
      }
    },
    stop: () => {
      stopping ??= (async () => {
        abort.abort()
        const disconnected = (async () => {
          // Consumers first, so the fraud detector does not dead-letter into a stopping cluster connection.
          await consumers.stop()
          await Promise.all([producers.stop(), avroPayments?.stop()])
          return true
        })()
        const inTime = await Promise.race([disconnected, sleep(STOP_TIMEOUT_MS).then(() => false)])
        if (!inTime) warnDemo('stop', `clients did not disconnect within ${STOP_TIMEOUT_MS / 1000} s; leaving them`)
      })()
      return stopping
    },
  }
}
