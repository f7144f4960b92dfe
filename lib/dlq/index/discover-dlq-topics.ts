import 'server-only'
import type { ConnectionPool } from '@platformatic/kafka'
import { getClusterConfig, getConfig } from '@/lib/config'
import { withAdmin } from '@/lib/kafka/client'
import { fetchWatermarks } from '@/lib/kafka/fetch-watermarks'
import { fetchRound } from '@/lib/messages/scan/fetch-round'
import { dlqTopicMatchOf, isDlqByHeaders, retryTopicMatchOf } from '../detect-dlq-topic'
import type { Layout } from './read-partitions'

export type DiscoveredDlq = { topic: string; convention: string; sourceTopic?: string }

type Sniff = { at: number; isDlq: boolean; empty: boolean }
/** Per cluster and topic: whether its first records carry dead-letter headers. */
const sniffs = new Map<string, Sniff>()
const SNIFF_TTL_MS = 10 * 60_000
const EMPTY_TTL_MS = 30_000
// A pass sniffs at most this many topics (a few KiB each), never-sniffed ones first: a cluster with thousands of
// topics is covered over a few passes without one dashboard request paying for all of them.
const SNIFFS_PER_PASS = 200
const SNIFF_CONCURRENCY = 12

/**
 * The cluster's dead-letter topics: by name or configuration (detect-dlq-topic.ts), or because their first records
 * carry dead-letter headers (sampled a few records per topic, cached; internal and Ferry's own topics are skipped).
 */
export async function discoverDlqTopics(
  clusterId: string,
  pool: ConnectionPool,
  layout: (topics: string[]) => Promise<Layout>,
): Promise<DiscoveredDlq[]> {
  const { dlq } = getClusterConfig(clusterId)
  const prefix = getConfig().config.stateTopicPrefix
  const names = await withAdmin(clusterId, (admin) => admin.listTopics())
  const known = new Set(names)
  const out: DiscoveredDlq[] = []
  const unknown: string[] = []
  for (const topic of names) {
    const match = dlqTopicMatchOf(topic, { ...dlq, knownTopics: known })
    if (match) out.push({ topic, convention: match.convention, sourceTopic: match.sourceTopic })
    else if (!topic.startsWith('__') && !topic.startsWith(prefix) && !retryTopicMatchOf(topic)) unknown.push(topic)
  }
  const now = Date.now()
  const stale = unknown.filter((t) => {
    const s = sniffs.get(`${clusterId}\u0000${t}`)
    return !s || now - s.at > (s.empty ? EMPTY_TTL_MS : SNIFF_TTL_MS)
  })
  const neverSniffed = stale.filter((t) => !sniffs.has(`${clusterId}\u0000${t}`))
  const batch = [...neverSniffed, ...stale.filter((t) => sniffs.has(`${clusterId}\u0000${t}`))].slice(
    0,
    SNIFFS_PER_PASS,
  )
  if (batch.length > 0) {
    const { brokers, leaders } = await layout(batch)
    const marks = await fetchWatermarks(
      clusterId,
      batch.map((topic) => ({ topic, partitions: [...(leaders.get(topic)?.keys() ?? [])] })),
    ).catch(() => new Map())
    const queue = [...batch]
    await Promise.all(
      Array.from({ length: SNIFF_CONCURRENCY }, async () => {
        for (let topic = queue.shift(); topic !== undefined; topic = queue.shift()) {
          const sniff = await sniffTopic(pool, topic, brokers, leaders.get(topic), marks.get(topic)).catch(() => null)
          if (sniff) sniffs.set(`${clusterId}\u0000${topic}`, sniff)
        }
      }),
    )
  }
  for (const topic of unknown) {
    if (sniffs.get(`${clusterId}\u0000${topic}`)?.isDlq) out.push({ topic, convention: 'headers' })
  }
  return out
}

/** The first record of each non-empty partition (a small Fetch at the log start): dead-letter headers or not. */
async function sniffTopic(
  pool: ConnectionPool,
  topic: string,
  brokers: Layout['brokers'],
  leaders: Map<number, number> | undefined,
  marks: { partition: number; low: string; high: string }[] | undefined,
): Promise<Sniff> {
  const withData = (marks ?? []).filter((m) => BigInt(m.high) > BigInt(m.low)).slice(0, 8)
  if (!leaders || withData.length === 0) return { at: Date.now(), isDlq: false, empty: true }
  const byLeader = new Map<number, { partition: number; offset: bigint; maxBytes: number }[]>()
  for (const m of withData) {
    const leader = leaders.get(m.partition) ?? -1
    byLeader.set(leader, [
      ...(byLeader.get(leader) ?? []),
      { partition: m.partition, offset: BigInt(m.low), maxBytes: 64 * 1024 },
    ])
  }
  let isDlq = false
  let seen = 0
  for (const [leader, asks] of byLeader) {
    const broker = brokers.get(leader)
    if (!broker) continue
    const fetched = await fetchRound(await pool.get(broker), topic, asks)
    for (const p of fetched) {
      for (const r of p.records.slice(0, 3)) {
        seen++
        if (isDlqByHeaders(r.record.headers.map(([k]) => (k ? k.toString('utf8') : '')))) isDlq = true
      }
    }
  }
  return { at: Date.now(), isDlq, empty: seen === 0 }
}
