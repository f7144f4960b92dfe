import 'server-only'
import { ConnectionPool } from '@platformatic/kafka'
import { getClusterConfig } from '@/lib/config'
import { registerClientPool } from '@/lib/kafka/client'
import { fetchWatermarks } from '@/lib/kafka/fetch-watermarks'
import { connectionOptionsFor } from '@/lib/kafka/platformatic-connection'
import { decodePayload } from '@/lib/messages/decode/decode-payload'
import type { RawHeader } from '../parse-error-metadata'
import { DeadLetterTable } from '../raw/dead-letter-table'
import { ResolutionStore } from '../resolutions/read-resolutions'
import { DeadLetterColumns } from './columns'
import { type DiscoveredDlq, discoverDlqTopics } from './discover-dlq-topics'
import { IndexDictionaries } from './entry-of-record'
import { type Cursor, type Layout, layoutOf, readPartitions } from './read-partitions'

// One in-memory index of every dead letter per cluster, built from log start to the high watermark with raw Fetch
// (no consumer group) and then only extended: each request catches up within a small budget, and a background loop
// keeps it current while the dashboard or explorer is being used.

export type IndexedPartition = Cursor & { low: bigint; columns: DeadLetterColumns }
export type IndexedTopic = DiscoveredDlq & { partitions: IndexedPartition[] }
export type IndexStats = {
  recordsRead: number
  fetchRounds: number
  catchUps: number
  discoveries: number
  bytes: number
  deadLetters: number
}

const DISCOVERY_EVERY_MS = 30_000
const BACKGROUND_IDLE_STOP_MS = 60_000
const BACKGROUND_PAUSE_MS = 3_000
const TOPIC_CONCURRENCY = 8

export class DlqIndex {
  readonly dict = new IndexDictionaries()
  readonly topics = new Map<string, IndexedTopic>()
  readonly resolutions: ResolutionStore
  readonly stats: IndexStats = { recordsRead: 0, fetchRounds: 0, catchUps: 0, discoveries: 0, bytes: 0, deadLetters: 0 }
  /** Bumped whenever the indexed records change (aggregates are cached per version). */
  version = 0
  private discoveredAt = 0
  private layout: Layout | null = null
  private running: Promise<void> | null = null
  private lastUsed = 0
  private background: Promise<void> | null = null
  closed = false

  constructor(
    readonly clusterId: string,
    readonly pool: ConnectionPool,
  ) {
    this.resolutions = new ResolutionStore(clusterId, pool)
  }

  get complete(): boolean {
    if (this.discoveredAt === 0) return false
    for (const t of this.topics.values()) for (const p of t.partitions) if (p.next < p.high) return false
    return true
  }

  progress(): { complete: boolean; indexed: number; total: number } {
    let indexed = 0
    let total = 0
    for (const t of this.topics.values()) {
      for (const p of t.partitions) {
        total += Number(p.high - p.low)
        // biome-ignore lint/complexity/useMathMinMax: bigints, which Math.min does not take
        const read = p.next < p.high ? p.next : p.high
        indexed += Number(read - p.low)
      }
    }
    return { complete: this.complete, indexed, total }
  }

  /** Catches up for at most `budgetMs` (one catch-up at a time; a caller joins the running one) and keeps it fresh. */
  async refresh(budgetMs: number): Promise<void> {
    this.lastUsed = Date.now()
    this.startBackground()
    const deadline = Date.now() + budgetMs
    const run = this.running ?? this.startCatchUp(deadline)
    await Promise.race([run, new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now())).unref?.())])
  }

  private startCatchUp(deadline: number): Promise<void> {
    const run = this.catchUp(deadline).finally(() => {
      if (this.running === run) this.running = null
    })
    this.running = run
    return run
  }

  private startBackground(): void {
    if (this.background || this.closed) return
    this.background = (async () => {
      while (!this.closed && Date.now() - this.lastUsed < BACKGROUND_IDLE_STOP_MS) {
        await (this.running ?? this.startCatchUp(Date.now() + 2_000)).catch(() => undefined)
        await sleep(this.complete ? BACKGROUND_PAUSE_MS : 100)
      }
    })().finally(() => {
      this.background = null
    })
  }

  private async catchUp(deadline: number): Promise<void> {
    this.stats.catchUps++
    const resolutions = this.resolutions.catchUp(deadline)
    // Whatever happens below, this catch-up ends only after its resolutions read: never two readers at once.
    try {
      await this.catchUpTopics(deadline)
    } finally {
      await resolutions.catch(() => undefined)
    }
  }

  private async catchUpTopics(deadline: number): Promise<void> {
    if (Date.now() - this.discoveredAt > DISCOVERY_EVERY_MS || !this.layout) await this.discover()
    const layout = this.layout
    if (!layout) return
    const list = [...this.topics.values()]
    const marks = await fetchWatermarks(
      this.clusterId,
      list.map((t) => ({ topic: t.topic, partitions: t.partitions.map((p) => p.partition) })),
    ).catch(() => null)
    if (!marks) {
      this.discoveredAt = 0 // a topic may be gone: look again next time
      return
    }
    for (const t of list) this.applyWatermarks(t, marks.get(t.topic) ?? [])
    const queue = list.filter((t) => t.partitions.some((p) => p.next < p.high))
    let failed = false
    await Promise.all(
      Array.from({ length: Math.min(TOPIC_CONCURRENCY, queue.length) }, async () => {
        for (let t = queue.shift(); t !== undefined && !this.closed; t = queue.shift()) {
          const errors = await this.readTopic(t, layout, deadline).catch(() => [-1])
          if (errors.length) failed = true
        }
      }),
    )
    if (failed) this.layout = null // leaders moved or a topic went away: fresh metadata next time
  }

  private async discover(): Promise<void> {
    this.stats.discoveries++
    const found = await discoverDlqTopics(this.clusterId, this.pool, (topics) => layoutOf(this.clusterId, topics))
    const names = new Set(found.map((f) => f.topic))
    for (const name of [...this.topics.keys()]) {
      if (!names.has(name)) {
        this.topics.delete(name)
        this.version++
      }
    }
    const layout = await layoutOf(this.clusterId, [...names])
    for (const f of found) {
      const leaders = layout.leaders.get(f.topic)
      if (!leaders) continue
      let t = this.topics.get(f.topic)
      if (!t) {
        t = { ...f, partitions: [] }
        this.topics.set(f.topic, t)
      }
      for (const [partition, leader] of leaders) {
        const p = t.partitions.find((x) => x.partition === partition)
        if (p) p.leader = leader
        else t.partitions.push({ partition, leader, next: 0n, high: 0n, low: 0n, columns: new DeadLetterColumns() })
      }
      t.partitions.sort((a, b) => a.partition - b.partition)
    }
    this.layout = layout
    this.discoveredAt = Date.now()
  }

  /** New log start: drop what retention deleted. High below our position: the topic was recreated, start over. */
  private applyWatermarks(t: IndexedTopic, marks: { partition: number; low: string; high: string }[]): void {
    for (const m of marks) {
      const p = t.partitions.find((x) => x.partition === m.partition)
      if (!p) continue
      const low = BigInt(m.low)
      const high = BigInt(m.high)
      if (high < p.next) {
        p.columns = new DeadLetterColumns()
        p.next = low
        this.version++
      }
      if (low > p.low) {
        if (p.columns.dropBelow(Number(low)) > 0) this.version++
      }
      p.low = low
      if (p.next < low) p.next = low
      p.high = high
    }
  }

  private async readTopic(t: IndexedTopic, layout: Layout, deadline: number): Promise<number[]> {
    this.stats.fetchRounds++
    const byPartition = new Map(t.partitions.map((p) => [p.partition, p]))
    return readPartitions(this.pool, layout.brokers, t.topic, t.partitions, deadline, (partition, bytes, from) => {
      const table = new DeadLetterTable()
      const next = table.addBatches(partition, bytes, from, () => true)
      const p = byPartition.get(partition)
      if (!p) return next
      for (let row = 0; row < table.rows; row++) {
        const view = table.viewOf(row, '')
        const headers: RawHeader[] = new Array(view.headerCount)
        for (let i = 0; i < headers.length; i++) headers[i] = { key: view.headerKey(i), value: view.headerValue(i) }
        const value = () => {
          const d = decodePayload(view.value(), 'auto', false)
          return d.format === 'null' ? null : d.json !== undefined ? d.json : d.text
        }
        p.columns.push(this.dict.entryOf(table.offset[row]!, table.timestamp[row]!, headers, value))
        this.stats.recordsRead++
      }
      if (table.rows > 0) this.version++
      return next
    })
  }

  memoryBytes(): number {
    let bytes = 0
    let count = 0
    for (const t of this.topics.values()) {
      for (const p of t.partitions) {
        bytes += p.columns.bytes
        count += p.columns.length
      }
    }
    this.stats.bytes = bytes
    this.stats.deadLetters = count
    return bytes
  }

  async close(): Promise<void> {
    this.closed = true
    await this.pool.close().catch(() => undefined)
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms).unref?.())
}

const g = globalThis as { __ferryDlqIndexes?: Map<string, DlqIndex> }
g.__ferryDlqIndexes ??= new Map()
const indexes = g.__ferryDlqIndexes
// closeAllClients() (tests, shutdown) stops the indexes' background loops and closes their connections.
registerClientPool(async () => {
  const all = [...indexes.values()]
  indexes.clear()
  await Promise.allSettled(all.map((i) => i.close()))
})

/** The cluster's index (created on first use; throws ApiError('not_found') for an unknown cluster). */
export function dlqIndexOf(clusterId: string): DlqIndex {
  const cluster = getClusterConfig(clusterId)
  let index = indexes.get(clusterId)
  if (!index || index.closed) {
    index = new DlqIndex(clusterId, new ConnectionPool('ferry-dlq-index', connectionOptionsFor(cluster)))
    indexes.set(clusterId, index)
  }
  return index
}

/** The index caught up within `budgetMs` (partial after that; `progress()` says how far). */
export async function freshDlqIndex(clusterId: string, budgetMs = 1_500): Promise<DlqIndex> {
  const index = dlqIndexOf(clusterId)
  await index.refresh(budgetMs)
  return index
}
