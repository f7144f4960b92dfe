import { type Kafka, type Message, Partitioners, type Producer, type TopicMessages } from 'kafkajs'
import { sleep, warnDemo } from './demo-log'
import { createEventGenerator, type DemoRecord, TRAFFIC_MIX } from './events'
import { createRng } from './prng'
import { DEMO_TOPIC, type SourceTopic } from './topics'

export const DEFAULT_RATE_PER_SECOND = 20
const TICK_MS = 500
/** Traffic swells and ebbs by ±25 % over five minutes, so throughput charts are not a flat line. */
const WAVE_PERIOD_MS = 300_000
const WAVE_AMPLITUDE = 0.25

export type ProducerStats = { produced: number; byTopic: Record<string, number> }

export type RunningProducers = {
  stop(): Promise<void>
  stats(): ProducerStats
}

/** The demo's one idempotent producer: acks=all, Java-compatible partitioning, no topic auto-creation. */
export function createDemoProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 5,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
    // Bounded retries (kafkajs defaults to infinite for idempotent producers) so a dead broker surfaces as a log line.
    retry: { retries: 8, initialRetryTime: 300, maxRetryTime: 5_000 },
  })
}

/** Produces a steady, gently varying stream across the source topics until stopped. */
export function startProducers(
  kafka: Kafka,
  { ratePerSecond = DEFAULT_RATE_PER_SECOND, seed = Date.now() }: { ratePerSecond?: number; seed?: number } = {},
): RunningProducers {
  const producer = createDemoProducer(kafka)
  const generator = createEventGenerator(seed)
  const stats: ProducerStats = { produced: 0, byTopic: {} }
  const abort = new AbortController()

  const loop = async () => {
    let connected = false
    let failures = 0
    let due = 0
    let last = Date.now()
    while (!abort.signal.aborted) {
      const started = Date.now()
      if (!connected) {
        try {
          await producer.connect()
          connected = true
          last = Date.now()
        } catch (err) {
          warnDemo('producer could not connect, retrying', err)
          await sleep(2_000, abort.signal)
          continue
        }
      }
      due += rateAt(ratePerSecond, started) * ((started - last) / 1000)
      last = started
      const count = Math.min(Math.floor(due), Math.ceil(ratePerSecond * 2))
      due -= Math.floor(due)
      if (count > 0) {
        const records = Array.from({ length: count }, () => generator.next(Date.now()))
        try {
          await producer.sendBatch({ acks: -1, topicMessages: toTopicMessages(records) })
          countRecords(stats, records)
          failures = 0
        } catch (err) {
          warnDemo('produce failed, dropping this tick', err)
          // After repeated failures start over with a fresh connection; kafkajs does not always recover by itself.
          if (++failures >= 3) {
            connected = false
            failures = 0
            await producer.disconnect().catch(() => undefined)
          }
        }
      }
      await sleep(Math.max(0, TICK_MS - (Date.now() - started)), abort.signal)
    }
  }

  const running = loop()
  return {
    stats: () => ({ produced: stats.produced, byTopic: { ...stats.byTopic } }),
    stop: async () => {
      abort.abort()
      await running
      await producer.disconnect().catch((err) => warnDemo('producer disconnect', err))
    },
  }
}

function rateAt(base: number, now: number): number {
  return base * (1 + WAVE_AMPLITUDE * Math.sin((2 * Math.PI * now) / WAVE_PERIOD_MS))
}

export type BacklogOptions = {
  /** How far back the oldest seeded record's timestamp goes. */
  hours?: number
  seed?: number
}

/** audit.clickstream keeps one hour; its history stays inside that, so it is not all deleted at the first check. */
const CLICKSTREAM_HISTORY_MS = 50 * 60_000
const BACKLOG_CHUNK = 500

/**
 * Writes `n` historical events spread over the last hours, oldest first, with record timestamps set accordingly,
 * so the console shows data (and time-based charts) the moment it opens. Returns the number of records written.
 */
export async function seedBacklog(
  kafka: Kafka,
  n = 3000,
  { hours = 6, seed = 7 }: BacklogOptions = {},
): Promise<number> {
  const producer = createDemoProducer(kafka)
  const generator = createEventGenerator(seed)
  const topicRng = createRng(seed + 1)
  const end = Date.now() - 60_000
  const span = hours * 3_600_000
  await producer.connect()
  try {
    let written = 0
    while (written < n) {
      const size = Math.min(BACKLOG_CHUNK, n - written)
      const records = Array.from({ length: size }, (_, i) => {
        const progress = (written + i) / n
        const topic = topicRng.weighted(TRAFFIC_MIX)
        const window = topic === DEMO_TOPIC.clickstream ? CLICKSTREAM_HISTORY_MS : span
        const jitter = topicRng.int(0, 999)
        return generator.forTopic(topic, Math.round(end - window + progress * window) - jitter)
      })
      await producer.sendBatch({ acks: -1, topicMessages: toTopicMessages(records) })
      written += size
    }
    return written
  } finally {
    await producer.disconnect().catch(() => undefined)
  }
}

function toTopicMessages(records: DemoRecord[]): TopicMessages[] {
  const byTopic = new Map<SourceTopic, Message[]>()
  for (const r of records) {
    const messages = byTopic.get(r.topic) ?? []
    messages.push({ key: r.key, value: r.value, headers: r.headers, timestamp: String(r.timestamp) })
    byTopic.set(r.topic, messages)
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }))
}

function countRecords(stats: ProducerStats, records: DemoRecord[]): void {
  stats.produced += records.length
  for (const r of records) stats.byTopic[r.topic] = (stats.byTopic[r.topic] ?? 0) + 1
}
