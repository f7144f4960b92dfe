import 'server-only'
import { fetchV12 } from '@platformatic/kafka'
import { getClusterConfig } from '@/lib/config'
import { ApiError } from '@/lib/errors'
import { withAdmin } from '@/lib/kafka/client'
import { fetchWatermarks } from '@/lib/kafka/fetch-watermarks'
import { brokerConnectionOf, platformaticErrorOf } from '@/lib/kafka/platformatic-connection'
import { stateTopicName } from '@/lib/state/state-topics'
import {
  type AuditFilters,
  type AuditPage,
  type AuditQuery,
  compareNewestFirst,
  matchesAudit,
  pageOf,
} from './audit-query'
import type { AuditEntry } from './types'

const DEFAULT_LIMIT = 100
const MAX_LIMIT = 1_000
const FETCH_MAX_BYTES = 4 * 1024 * 1024
/** The viewer reads at most this many of the newest records per partition (90 days of a busy console fit). */
export const AUDIT_READ_PER_PARTITION = 50_000

/** The audit records read from the topic, in no particular order, and whether the topic could be read. */
export type AuditTrail = {
  topic: string
  status: AuditPage['status']
  entries: AuditEntry[]
  /** Some partition holds more records than were read. */
  truncated: boolean
}

/**
 * The newest audit entries of the cluster, newest first (at most `limit`). Reads the tail of each partition of the
 * audit topic directly (no consumer group); a cluster without an audit topic has no entries. Records that are not
 * audit JSON are skipped.
 */
export async function listAuditEntries(clusterId: string, options: { limit?: number } = {}): Promise<AuditEntry[]> {
  const limit = Math.min(Math.max(1, Math.trunc(options.limit ?? DEFAULT_LIMIT)), MAX_LIMIT)
  const trail = await readAuditTrail(clusterId, limit)
  if (trail.status.state === 'unavailable') throw new ApiError('forbidden', trail.status.reason)
  return trail.entries.sort(compareNewestFirst).slice(0, limit)
}

/** One page of the entries matching the query, newest first, with the total matched (the audit viewer). */
export async function queryAuditEntries(clusterId: string, query: AuditQuery): Promise<AuditPage> {
  const trail = await readAuditTrail(clusterId, AUDIT_READ_PER_PARTITION)
  const matching = trail.entries.filter((e) => matchesAudit(e, query)).sort(compareNewestFirst)
  return {
    topic: trail.topic,
    status: trail.status,
    ...pageOf(matching, query),
    matched: matching.length,
    scanned: trail.entries.length,
    truncated: trail.truncated,
  }
}

/** Every entry matching the filters, newest first (the export); an unreadable trail is an error here. */
export async function exportAuditEntries(clusterId: string, filters: AuditFilters): Promise<AuditEntry[]> {
  const trail = await readAuditTrail(clusterId, AUDIT_READ_PER_PARTITION)
  if (trail.status.state === 'unavailable') throw new ApiError('forbidden', trail.status.reason)
  return trail.entries.filter((e) => matchesAudit(e, filters)).sort(compareNewestFirst)
}

/**
 * Reads the newest `perPartition` records of each partition of the audit topic. A principal that may not describe
 * or read the topic gets an `unavailable` status with Kafka's reason (the console keeps working); any other failure
 * (e.g. the cluster is down) is thrown.
 */
export async function readAuditTrail(clusterId: string, perPartition: number): Promise<AuditTrail> {
  const cluster = getClusterConfig(clusterId)
  const topic = stateTopicName('audit')
  const unavailable = (err: unknown): AuditTrail | null => {
    const why = authorizationProblem(err)
    return why
      ? {
          topic,
          status: { state: 'unavailable', reason: `Ferry may not read the audit topic "${topic}": ${why}` },
          entries: [],
          truncated: false,
        }
      : null
  }
  let layout: {
    partitions: { partitionId: number; leader: number }[]
    brokers: { nodeId: number; host: string; port: number }[]
  } | null
  try {
    layout = await withAdmin(clusterId, async (admin) => {
      if (!(await admin.listTopics()).includes(topic)) return null
      const [{ topics }, { brokers }] = await Promise.all([
        admin.fetchTopicMetadata({ topics: [topic] }),
        admin.describeCluster(),
      ])
      return { partitions: topics[0]?.partitions ?? [], brokers }
    })
  } catch (err) {
    const refused = unavailable(err)
    if (refused) return refused
    throw err
  }
  if (!layout) return { topic, status: { state: 'missing' }, entries: [], truncated: false }
  const entries: AuditEntry[] = []
  let truncated = false
  try {
    const marks = (
      await fetchWatermarks(clusterId, [{ topic, partitions: layout.partitions.map((p) => p.partitionId) }])
    ).get(topic)
    for (const { partition, low, high } of marks ?? []) {
      const end = BigInt(high)
      let offset = BigInt(low) > end - BigInt(perPartition) ? BigInt(low) : end - BigInt(perPartition)
      if (offset > BigInt(low)) truncated = true
      const leader = layout.partitions.find((p) => p.partitionId === partition)?.leader
      const broker = layout.brokers.find((b) => b.nodeId === leader)
      if (!broker || offset >= end) continue
      const connection = await brokerConnectionOf(cluster, { host: broker.host, port: broker.port })
      while (offset < end) {
        const next = await readFrom(connection, topic, partition, offset, end, entries)
        if (next <= offset) break // nothing readable (e.g. a transaction marker at the end): stop, do not spin
        offset = next
      }
    }
  } catch (err) {
    const refused = unavailable(err)
    if (refused) return refused
    throw platformaticErrorOf(err, cluster)
  }
  return { topic, status: { state: 'ok' }, entries, truncated }
}

/** Kafka's authorization error in the failure, if that is what it is. */
function authorizationProblem(err: unknown): string | null {
  const text = JSON.stringify(err, Object.getOwnPropertyNames(err ?? {})) + String(err)
  const match = /[A-Z_]*AUTHORIZATION_FAILED|not authorized[^"]*/i.exec(text)
  return match ? match[0] : null
}

/** One Fetch from `offset`; pushes the audit entries read and returns the offset after the last record seen. */
async function readFrom(
  connection: Awaited<ReturnType<typeof brokerConnectionOf>>,
  topic: string,
  partition: number,
  offset: bigint,
  end: bigint,
  into: AuditEntry[],
): Promise<bigint> {
  const partitions = [
    {
      partition,
      currentLeaderEpoch: -1,
      fetchOffset: offset,
      lastFetchedEpoch: -1,
      partitionMaxBytes: FETCH_MAX_BYTES,
    },
  ]
  // maxWait 0 / minBytes 0: answer at once with what is there; isolation 0 = read_uncommitted.
  const response = await fetchV12.api.async(
    connection,
    0,
    0,
    FETCH_MAX_BYTES,
    0,
    0,
    -1,
    [{ topicId: topic, partitions }],
    [],
    '',
  )
  let next = offset
  for (const t of response.responses) {
    for (const p of t.partitions) {
      for (const batch of p.records ?? []) {
        for (const record of batch.records) {
          const at = batch.firstOffset + BigInt(record.offsetDelta)
          if (at >= next) next = at + 1n
          if (at < offset || at >= end || !record.value) continue
          const entry = parseEntry(record.value.toString('utf8'))
          if (entry) into.push(entry)
        }
      }
    }
  }
  return next
}

function parseEntry(text: string): AuditEntry | null {
  try {
    const value = JSON.parse(text) as Partial<AuditEntry>
    if (typeof value.id !== 'string' || typeof value.at !== 'string' || typeof value.action !== 'string') return null
    return value as AuditEntry
  } catch {
    return null
  }
}
