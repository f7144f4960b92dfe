import 'server-only'
import { type Connection, fetchV12 } from '@platformatic/kafka'
import { getClusterConfig } from '@/lib/config'
import { withAdmin } from '@/lib/kafka/client'
import { brokerConnectionOf, platformaticErrorOf } from '@/lib/kafka/platformatic-connection'
import { chunksOf, mapConcurrent } from './map-concurrent'
import { recordAtOrAfter } from './record-at-offset'
import type { LagTimeSource, PartitionLag } from './types'

/** What fetchLagTimes needs of a partition's lag (a PartitionLag fits). */
export type LagTimeItem = Pick<PartitionLag, 'topic' | 'partition' | 'committedOffset' | 'lag'> & {
  startOffset?: string
}
export type LagTime = { lagMs: number | null; source: LagTimeSource }
/**
 * Why reading stopped early, and how many distinct reads were left undone (they answer source 'none'). When both
 * limits hit, the reason is the time budget and `skipped` counts both.
 */
export type LagTimesCut = { reason: 'time_budget' | 'max_partitions'; skipped: number }
/** Lag in time per lagTimeKey(topic, partition, committedOffset); `cut` is null when every read was tried. */
export type LagTimes = Map<string, LagTime> & { cut: LagTimesCut | null }
export type LagTimeOptions = { budgetMs?: number; maxPartitions?: number }

const DEFAULT_BUDGET_MS = 3_000
const DEFAULT_MAX_PARTITIONS = 2_000
// Kafka returns at least the first whole batch of the first partition whatever the limits (KIP-74), so every round
// makes progress; other partitions past the byte limits come back empty and are asked again in the next round.
const PARTITION_MAX_BYTES = 64 * 1024
const REQUEST_MAX_BYTES = 8 * 1024 * 1024
const PARTITIONS_PER_REQUEST = 500
const CONCURRENT_BROKERS = 4

type Read = { key: string; topic: string; partition: number; committed: bigint; fetchFrom: bigint }
type Broker = { host: string; port: number }

export function lagTimeKey(topic: string, partition: number, committedOffset: string): string {
  return `${topic}\u0000${partition}\u0000${committedOffset}`
}

/**
 * Lag in time of each partition with lag > 0: now − timestamp of the record at the committed offset, the oldest
 * record the group has not consumed. Identical (topic, partition, offset) reads are made once, and one Fetch per
 * leader broker carries all of its partitions.
 *
 * When retention already deleted that record (committed < low watermark), the first record still in the log is read
 * instead: its age is a lower bound of the true lag, since the deleted records were older. It is still reported as
 * source 'record' (nothing is interpolated; 'interpolated' is never produced here). Nothing readable (error,
 * leaderless partition, budget spent) gives lagMs null with source 'none'. Partitions with lag 0 or no commit give
 * null / 'none' without a read.
 */
export async function fetchLagTimes(
  clusterId: string,
  items: LagTimeItem[],
  options: LagTimeOptions = {},
): Promise<LagTimes> {
  const started = Date.now()
  const budgetMs = options.budgetMs ?? DEFAULT_BUDGET_MS
  const result = Object.assign(new Map<string, LagTime>(), { cut: null as LagTimesCut | null })
  const reads = new Map<string, Read>()
  for (const item of items) {
    if (item.committedOffset === null) continue
    const key = lagTimeKey(item.topic, item.partition, item.committedOffset)
    result.set(key, { lagMs: null, source: 'none' })
    if (item.lag === null || BigInt(item.lag) <= 0n || reads.has(key)) continue
    const committed = BigInt(item.committedOffset)
    const start = item.startOffset === undefined ? committed : BigInt(item.startOffset)
    reads.set(key, { key, topic: item.topic, partition: item.partition, committed, fetchFrom: max(committed, start) })
  }
  const all = [...reads.values()]
  const maxPartitions = options.maxPartitions ?? DEFAULT_MAX_PARTITIONS
  const wanted = all.slice(0, maxPartitions)
  if (all.length > wanted.length) result.cut = { reason: 'max_partitions', skipped: all.length - wanted.length }
  if (wanted.length === 0) return result

  const cluster = getClusterConfig(clusterId)
  const leaders = await leadersOf(clusterId)
  const byLeader = new Map<number, Read[]>()
  for (const read of wanted) {
    const leader = leaders.partitions.get(`${read.topic}\u0000${read.partition}`)
    if (leader === undefined || leader < 0) continue
    byLeader.set(leader, [...(byLeader.get(leader) ?? []), read])
  }
  let unfinished = 0
  try {
    await mapConcurrent([...byLeader], CONCURRENT_BROKERS, async ([leader, list]) => {
      const broker = leaders.brokers.get(leader)
      if (!broker) return
      const connection = await brokerConnectionOf(cluster, broker)
      let pending = list
      while (pending.length > 0 && Date.now() - started < budgetMs) {
        const deadline = started + budgetMs
        const rounds = await Promise.all(
          chunksOf(pending, PARTITIONS_PER_REQUEST).map((chunk) => readRound(connection, chunk, deadline)),
        )
        const now = Date.now()
        pending = []
        for (const { found, retry } of rounds) {
          for (const [key, timestamp] of found) {
            result.set(key, { lagMs: Math.max(0, now - Number(timestamp)), source: 'record' })
          }
          pending.push(...retry)
        }
      }
      unfinished += pending.length
    })
  } catch (err) {
    throw platformaticErrorOf(err, cluster)
  }
  if (unfinished > 0) result.cut = { reason: 'time_budget', skipped: unfinished + (result.cut?.skipped ?? 0) }
  return result
}

/**
 * One Fetch for `reads` on their leader. `found`: timestamps by key. `retry`: reads that came back empty only
 * because of the byte limits. Reads that failed (offset out of range, not leader…) are in neither: they stay 'none'.
 */
async function readRound(
  connection: Connection,
  reads: Read[],
  deadline: number,
): Promise<{ found: Map<string, bigint>; retry: Read[] }> {
  const byTopic = new Map<string, Read[]>()
  for (const r of reads) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r])
  const topics = [...byTopic].map(([topic, list]) => ({
    topicId: topic,
    partitions: list.map((r) => ({
      partition: r.partition,
      currentLeaderEpoch: -1,
      fetchOffset: r.fetchFrom,
      lastFetchedEpoch: -1,
      partitionMaxBytes: PARTITION_MAX_BYTES,
    })),
  }))
  // maxWait 0 / minBytes 0: answer at once with what is there. isolation 0 = read_uncommitted, as the high watermark.
  const request = fetchV12.api.async(connection, 0, 0, REQUEST_MAX_BYTES, 0, 0, -1, topics, [], '')
  const response = await withDeadline(request.catch(responseOfError), deadline)
  const found = new Map<string, bigint>()
  const retry: Read[] = []
  if (!response) return { found, retry: reads } // out of time: the caller counts them as cut
  for (const topic of response.responses) {
    const list = byTopic.get(topic.topicId) ?? []
    for (const p of topic.partitions) {
      const read = list.find((r) => r.partition === p.partitionIndex)
      if (!read || p.errorCode !== 0) continue
      const record = recordAtOrAfter(p.records ?? [], read.fetchFrom)
      if (record) found.set(read.key, record.timestamp)
      // Empty although records exist: the byte limits cut it off. The first partition of a request always gets data.
      else if (read.fetchFrom < p.highWatermark && read !== reads[0]) retry.push(read)
    }
  }
  return { found, retry }
}

type FetchResponse = Awaited<ReturnType<typeof fetchV12.api.async>>

/** A Fetch with per-partition errors still carries the other partitions' records; anything else is rethrown. */
function responseOfError(err: unknown): FetchResponse {
  const response = (err as { response?: FetchResponse }).response
  if (response?.responses && (err as { code?: string }).code === 'PLT_KFK_RESPONSE') return response
  throw err
}

/** The request's result, or null once the deadline passes (the late answer is dropped). */
async function withDeadline<T>(request: Promise<T>, deadline: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), Math.max(0, deadline - Date.now()))
  })
  try {
    return await Promise.race([request, late])
  } finally {
    clearTimeout(timer)
  }
}

/** Leader of every partition and the address of every broker, from one Metadata request for all topics. */
async function leadersOf(
  clusterId: string,
): Promise<{ partitions: Map<string, number>; brokers: Map<number, Broker> }> {
  const [{ topics }, { brokers }] = await withAdmin(clusterId, (admin) =>
    Promise.all([admin.fetchTopicMetadata(), admin.describeCluster()]),
  )
  const partitions = new Map<string, number>()
  for (const t of topics) for (const p of t.partitions) partitions.set(`${t.name}\u0000${p.partitionId}`, p.leader)
  return { partitions, brokers: new Map(brokers.map((b) => [b.nodeId, { host: b.host, port: b.port }])) }
}

function max(a: bigint, b: bigint): bigint {
  return a > b ? a : b
}
