import 'server-only'
import { getConfig } from '@/lib/config'
import { TopicTail } from '@/lib/kafka/topic-tail'
import { ensureStateTopic, stateTopicName } from '@/lib/state/state-topics'
import { HistoryStore } from './history-store'
import { decodeSample } from './sample-codec'

// Every console instance, sampling or not, keeps the cluster's lag history in memory by reading the samples topic:
// first back to now − retention, then following it. A restart reads it all back, and any instance can show what the
// leader sampled.

const RETRY_TOPIC_AFTER_MS = 60_000

export type FeedState = {
  /** Whether the samples topic can be read; the reason when not. */
  persistence: { ok: boolean; topic: string; reason?: string }
  lastError: string | null
}

export class HistoryFeed {
  readonly store: HistoryStore
  readonly state: FeedState
  private tail: TopicTail | null = null
  private stopped = false
  private retryTimer: NodeJS.Timeout | null = null
  private gaveUpWaiting = false
  private readonly started: Promise<void>

  constructor(readonly clusterId: string) {
    const { lagSampling } = getConfig().config
    this.store = new HistoryStore(lagSampling.retentionMs)
    this.state = { persistence: { ok: true, topic: stateTopicName('lag-samples') }, lastError: null }
    this.started = this.start()
  }

  /**
   * Resolves when the read-back reached the records that existed at start, or after `timeoutMs`. Once a wait has
   * timed out (brokers down, a partition without leader) later calls do not wait again: they answer from memory.
   */
  async waitCaughtUp(timeoutMs: number): Promise<void> {
    if (this.gaveUpWaiting) return
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), timeoutMs)
    })
    try {
      const outcome = await Promise.race([this.started.then(() => this.tail?.caughtUp), late])
      if (outcome === 'late') this.gaveUpWaiting = true
    } finally {
      clearTimeout(timer)
    }
  }

  async stop(): Promise<void> {
    this.stopped = true
    if (this.retryTimer) clearTimeout(this.retryTimer)
    await this.started
    await this.tail?.stop()
  }

  private async start(): Promise<void> {
    const { lagSampling } = getConfig().config
    const topic = await ensureStateTopic(this.clusterId, 'lag-samples', {
      cleanupPolicy: 'delete',
      retentionMs: lagSampling.retentionMs,
      partitions: 1,
    }).catch((err: unknown) => ({ ok: false as const, topic: stateTopicName('lag-samples'), reason: String(err) }))
    if (this.stopped) return
    if (!topic.ok) {
      this.state.persistence = { ok: false, topic: topic.topic, reason: topic.reason }
      this.state.lastError = topic.reason
      this.retryTimer = setTimeout(() => {
        if (!this.stopped) void this.start()
      }, RETRY_TOPIC_AFTER_MS)
      this.retryTimer.unref()
      return
    }
    this.state.persistence = { ok: true, topic: topic.topic }
    this.tail = new TopicTail({
      clusterId: this.clusterId,
      topic: topic.topic,
      fromTimestamp: Date.now() - lagSampling.retentionMs,
      onRecords: (records) => {
        for (const r of records) {
          const sample = r.value ? decodeSample(r.value.toString('utf8')) : null
          if (sample) this.store.ingest(sample)
        }
        this.state.lastError = null
      },
      onError: (err) => {
        this.state.lastError = `Reading the lag history from "${topic.topic}" failed: ${err.message}`
      },
    })
    this.tail.start()
  }
}

// One feed per cluster for the life of the process; on globalThis so `next dev` reloads do not start another.
const g = globalThis as { __ferryLagHistory?: Map<string, HistoryFeed> }
g.__ferryLagHistory ??= new Map()
const feeds = g.__ferryLagHistory

/** The cluster's feed, started on first use. */
export function ensureHistoryFeed(clusterId: string): HistoryFeed {
  let feed = feeds.get(clusterId)
  if (!feed) {
    feed = new HistoryFeed(clusterId)
    feeds.set(clusterId, feed)
  }
  return feed
}

/** The cluster's feed when one runs (never starts one). */
export function historyFeedOf(clusterId: string): HistoryFeed | undefined {
  return feeds.get(clusterId)
}

/** Stops every feed and forgets its history (shutdown, tests); the next use reads the topic back again. */
export async function stopHistoryFeeds(): Promise<void> {
  const all = [...feeds.values()]
  feeds.clear()
  await Promise.allSettled(all.map((f) => f.stop()))
}
