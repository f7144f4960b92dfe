import 'server-only'
import { fetchV12 } from '@platformatic/kafka'
import { getClusterConfig } from '@/lib/config'
import { withAdmin } from '@/lib/kafka/client'
import { fetchWatermarks } from '@/lib/kafka/fetch-watermarks'
import { brokerConnectionOf, platformaticErrorOf } from '@/lib/kafka/platformatic-connection'
import { stateTopicName } from '@/lib/state/state-topics'
import type { AuditEntry } from './types'

const DEFAULT_LIMIT = 100
const MAX_LIMIT = 1_000
const FETCH_MAX_BYTES = 4 * 1024 * 1024

/**
 * The newest audit entries of the cluster, newest first (at most `limit`). Reads the tail of each partition of the
 * audit topic directly (no consumer group); a cluster without an audit topic has no entries. Records that are not
 * audit JSON are skipped.
 */
export async function listAuditEntries(clusterId: string, options: { limit?: number } = {}): Promise<AuditEntry[]> {
  const limit = Math.min(Math.max(1, Math.trunc(options.limit ?? DEFAULT_LIMIT)), MAX_LIMIT)
  const cluster = getClusterConfig(clusterId)
  const topic = stateTopicName('audit')
  const layout = await withAdmin(clusterId, async (admin) => {
    if (!(await admin.listTopics()).includes(topic)) return null
    const [{ topics }, { brokers }] = await Promise.all([
      admin.fetchTopicMetadata({ topics: [topic] }),
      admin.describeCluster(),
    ])
    return { partitions: topics[0]?.partitions ?? [], brokers }
  })
  if (!layout) return []
  const marks = (
    await fetchWatermarks(clusterId, [{ topic, partitions: layout.partitions.map((p) => p.partitionId) }])
  ).get(topic)
  const entries: AuditEntry[] = []
  try {
    for (const { partition, low, high } of marks ?? []) {
      const end = BigInt(high)
      let offset = BigInt(low) > end - BigInt(limit) ? BigInt(low) : end - BigInt(limit)
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
    throw platformaticErrorOf(err, cluster)
  }
  return entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, limit)
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
