import type { Admin, ConsumerConfig, ConsumerRunConfig, Kafka } from 'kafkajs'
import { deadLetterFor } from './dead-letters'
import { logDemo, retryUntilDone, sleep, warnDemo } from './demo-log'
import { createDemoProducer } from './producers'
import { DEMO_TOPIC } from './topics'
import { findEventProblem } from './validate-events'

/** The five consumer groups, each showing one state the console must explain. */
export const DEMO_GROUP = {
  /** Healthy: keeps up and commits. */
  billing: 'billing-service',
  /** Slower than production: lag grows steadily. */
  analytics: 'analytics-slow',
  /** Ran briefly, then left for good: no members, committed offsets frozen. */
  shipping: 'shipping-stopped',
  /** Never runs; only has old committed offsets far behind the end. */
  legacy: 'legacy-reporting',
  /** Consumes fine but rejects poison events into the three dead-letter styles. */
  fraud: 'fraud-detector',
} as const

export type RunningConsumer = { stop(): Promise<void> }

export type ConsumerStats = { consumed: Record<string, number>; deadLetters: Record<string, number> }

export type RunningConsumers = RunningConsumer & { stats(): ConsumerStats }

type GroupSpec = {
  groupId: string
  topics: string[]
  config?: Omit<ConsumerConfig, 'groupId'>
  /** The handler (eachMessage or eachBatch) and run options. */
  run: ConsumerRunConfig
  /** Runs once before consuming starts (e.g. connecting a producer); retried with the rest of the start-up. */
  beforeRun?: () => Promise<void>
}

/**
 * Connects, subscribes from the beginning and runs a classic-protocol group consumer in the background. Start-up is
 * retried until it works; after a crash kafkajs is told to restart, so a broker restart never ends the demo.
 */
export function runGroupConsumer(kafka: Kafka, spec: GroupSpec): RunningConsumer {
  const consumer = kafka.consumer({
    allowAutoTopicCreation: false,
    ...spec.config,
    groupId: spec.groupId,
    retry: {
      retries: 5,
      restartOnFailure: async (err) => {
        warnDemo(`${spec.groupId} crashed, restarting`, err)
        return true
      },
    },
  })
  const abort = new AbortController()
  const started = retryUntilDone(
    `${spec.groupId} start`,
    async () => {
      await spec.beforeRun?.()
      await consumer.connect()
      await consumer.subscribe({ topics: spec.topics, fromBeginning: true })
      await consumer.run(spec.run)
    },
    abort.signal,
  )
  return {
    stop: async () => {
      abort.abort()
      await started
      await consumer.disconnect().catch((err) => warnDemo(`${spec.groupId} disconnect`, err))
    },
  }
}

/** billing-service: fast and healthy; commits after every batch, so its lag stays near zero. */
export function startBillingService(kafka: Kafka, count: (topic: string) => void = () => {}): RunningConsumer {
  return runGroupConsumer(kafka, {
    groupId: DEMO_GROUP.billing,
    topics: [DEMO_TOPIC.orders, DEMO_TOPIC.payments],
    run: { eachMessage: async ({ topic }) => count(topic) },
  })
}

/** analytics-slow handles this many messages per partition per fetch, then moves on to the next partition. */
const ANALYTICS_MESSAGES_PER_TURN = 3

/**
 * analytics-slow: handles `messagesPerSecond` orders per second, less than are produced, so lag grows steadily.
 * It takes a few messages from each fetched partition and leaves the rest unresolved (kafkajs fetches them again),
 * so every partition advances a little each round; with plain eachMessage it would sit on one partition's backlog
 * for minutes while the others showed no progress at all.
 */
export function startAnalyticsSlow(
  kafka: Kafka,
  { messagesPerSecond, count = () => {} }: { messagesPerSecond: number; count?: (topic: string) => void },
): RunningConsumer {
  const delayMs = Math.round(1000 / Math.max(0.1, messagesPerSecond))
  const abort = new AbortController()
  const running = runGroupConsumer(kafka, {
    groupId: DEMO_GROUP.analytics,
    topics: [DEMO_TOPIC.orders],
    // Bounded fetches: most of each fetched batch is thrown away and fetched again later.
    config: { maxBytesPerPartition: 131_072 },
    run: {
      autoCommitInterval: 5_000,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        for (const message of batch.messages.slice(0, ANALYTICS_MESSAGES_PER_TURN)) {
          if (!isRunning() || isStale()) break
          await sleep(delayMs, abort.signal)
          resolveOffset(message.offset)
          count(batch.topic)
          await heartbeat()
        }
      },
    },
  })
  return {
    stop: async () => {
      abort.abort()
      await running.stop()
    },
  }
}

/**
 * shipping-stopped: consumes for `runForMs`, commits and leaves the group for good. Its committed offsets then stay
 * where they were while producers keep writing, so the console shows a stopped group with growing lag.
 */
export function startShippingStopped(
  kafka: Kafka,
  { runForMs = 15_000, count = () => {} }: { runForMs?: number; count?: (topic: string) => void } = {},
): RunningConsumer {
  const running = runGroupConsumer(kafka, {
    groupId: DEMO_GROUP.shipping,
    topics: [DEMO_TOPIC.shipping],
    run: { eachMessage: async ({ topic }) => count(topic) },
  })
  let stopped: Promise<void> | undefined
  const stop = () => {
    stopped ??= running.stop()
    return stopped
  }
  const timer = setTimeout(() => {
    stop().then(() => logDemo(`${DEMO_GROUP.shipping} stopped for good (its lag will now grow)`))
  }, runForMs)
  return {
    stop: () => {
      clearTimeout(timer)
      return stop()
    },
  }
}

/**
 * legacy-reporting: never runs. Commits offsets at `fraction` of each partition's end on inventory.stock-updated
 * (the group must be empty), so it shows up as an Empty group with a large, old lag. Skipped when it already has
 * offsets. Returns true when offsets were written.
 */
export async function seedLegacyReportingOffsets(admin: Admin, fraction = 0.2): Promise<boolean> {
  const topic = DEMO_TOPIC.inventory
  if (await hasCommittedOffsets(admin, DEMO_GROUP.legacy, topic)) return false
  const ends = await admin.fetchTopicOffsets(topic)
  const partitions = ends
    .filter((p) => Number(p.high) > 0)
    .map((p) => ({
      partition: p.partition,
      offset: String(Math.max(Number(p.low), Math.floor(Number(p.high) * fraction))),
    }))
  if (partitions.length === 0) return false
  await admin.setOffsets({ groupId: DEMO_GROUP.legacy, topic, partitions })
  return true
}

/** True when the group has a committed offset on any partition of the topic. */
export async function hasCommittedOffsets(admin: Admin, groupId: string, topic: string): Promise<boolean> {
  const offsets = await admin.fetchOffsets({ groupId, topics: [topic] })
  return offsets.some((t) => t.partitions.some((p) => Number(p.offset) >= 0))
}

/**
 * fraud-detector: reads orders, payments and stock updates and rejects the poison ones (about 3 %), publishing each
 * to a dead-letter topic in the style of the service that owns the source topic: Spring Kafka `.DLT`, Kafka Connect
 * DLQ, or a JSON envelope. Uses its own producer, as a separate service would.
 */
export function startFraudDetector(
  kafka: Kafka,
  {
    count = () => {},
    countDeadLetter = () => {},
  }: { count?: (topic: string) => void; countDeadLetter?: (topic: string) => void } = {},
): RunningConsumer {
  const producer = createDemoProducer(kafka)
  const running = runGroupConsumer(kafka, {
    groupId: DEMO_GROUP.fraud,
    topics: [DEMO_TOPIC.orders, DEMO_TOPIC.payments, DEMO_TOPIC.inventory],
    beforeRun: () => producer.connect(),
    run: {
      eachMessage: async ({ topic, partition, message }) => {
        count(topic)
        const problem = findEventProblem(topic, message.value)
        if (!problem) return
        const deadLetter = deadLetterFor({ topic, partition, message }, problem, DEMO_GROUP.fraud)
        // A failed send throws, so kafkajs redelivers the batch instead of silently losing the dead letter.
        await producer.send({ topic: deadLetter.topic, acks: -1, messages: [deadLetter.message] })
        countDeadLetter(deadLetter.topic)
      },
    },
  })
  return {
    stop: async () => {
      await running.stop()
      await producer.disconnect().catch((err) => warnDemo('fraud-detector producer disconnect', err))
    },
  }
}

export type ConsumerOptions = {
  /** Orders produced per second on average; analytics-slow handles 60 % of that. */
  ordersPerSecond: number
  /** Run shipping-stopped briefly (only on the first start, so its frozen offsets survive restarts). */
  runShippingStopped: boolean
}

/** Starts every running group (legacy-reporting never runs; see seedLegacyReportingOffsets). */
export function startConsumers(
  kafka: Kafka,
  { ordersPerSecond, runShippingStopped }: ConsumerOptions,
): RunningConsumers {
  const stats: ConsumerStats = { consumed: {}, deadLetters: {} }
  const counter = (groupId: string) => () => {
    stats.consumed[groupId] = (stats.consumed[groupId] ?? 0) + 1
  }
  const consumers: RunningConsumer[] = [
    startBillingService(kafka, counter(DEMO_GROUP.billing)),
    startAnalyticsSlow(kafka, { messagesPerSecond: ordersPerSecond * 0.6, count: counter(DEMO_GROUP.analytics) }),
    startFraudDetector(kafka, {
      count: counter(DEMO_GROUP.fraud),
      countDeadLetter: (topic) => {
        stats.deadLetters[topic] = (stats.deadLetters[topic] ?? 0) + 1
      },
    }),
  ]
  if (runShippingStopped) consumers.push(startShippingStopped(kafka, { count: counter(DEMO_GROUP.shipping) }))
  return {
    stats: () => ({ consumed: { ...stats.consumed }, deadLetters: { ...stats.deadLetters } }),
    stop: async () => {
      await Promise.all(consumers.map((c) => c.stop()))
    },
  }
}
