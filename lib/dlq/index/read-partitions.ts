import 'server-only'
import type { ConnectionPool } from '@platformatic/kafka'
import { withAdmin } from '@/lib/kafka/client'
import { type BatchSink, fetchRaw } from '../raw/fetch-raw'

// Raw Fetch plumbing shared by the dead-letter index and the resolutions reader: no consumer group, positions kept
// by the caller, so a reader resumes exactly where it stopped and never reads a record twice.

export type Broker = { host: string; port: number }
export type Cursor = { partition: number; leader: number; next: bigint; high: bigint }
export type Layout = { brokers: Map<number, Broker>; leaders: Map<string, Map<number, number>> }

/**
 * Small on purpose: the limit is on compressed bytes, and a well-compressed DLQ (repetitive payloads, lz4) returns
 * ~50× more records than bytes asked for. Each round is parsed synchronously, so a small one keeps the event loop
 * (and the request budgets' timers) responsive.
 */
const PARTITION_MAX_BYTES = 512 * 1024

/** Partition leaders of the topics and the brokers (a topic missing from the answer has none). */
export async function layoutOf(clusterId: string, topics: string[]): Promise<Layout> {
  const leaders = new Map<string, Map<number, number>>()
  const [meta, { brokers }] = await withAdmin(clusterId, (admin) =>
    Promise.all([
      topics.length ? admin.fetchTopicMetadata({ topics }) : Promise.resolve({ topics: [] }),
      admin.describeCluster(),
    ]),
  )
  for (const t of meta.topics) leaders.set(t.name, new Map(t.partitions.map((p) => [p.partitionId, p.leader])))
  return { brokers: new Map(brokers.map((b) => [b.nodeId, { host: b.host, port: b.port }])), leaders }
}

/**
 * Reads the cursors' partitions of `topic` up to their high watermarks or the deadline, one Fetch per leader per
 * round, handing each partition's records bytes to `onBytes` in offset order (it returns the offset after the last
 * whole batch: a DeadLetterTable reads them without per-record objects). Returns the Kafka error codes met (the
 * caller refreshes leaders or watermarks); cursors are advanced in place.
 */
export async function readPartitions(
  pool: ConnectionPool,
  brokers: Map<number, Broker>,
  topic: string,
  cursors: Cursor[],
  deadline: number,
  onBytes: BatchSink,
): Promise<number[]> {
  const errors: number[] = []
  for (;;) {
    const behind = cursors.filter((c) => c.next < c.high && c.leader >= 0)
    if (behind.length === 0 || Date.now() >= deadline) return errors
    const byLeader = new Map<number, Cursor[]>()
    for (const c of behind) byLeader.set(c.leader, [...(byLeader.get(c.leader) ?? []), c])
    let progressed = false
    await Promise.all(
      [...byLeader].map(async ([leader, list]) => {
        const broker = brokers.get(leader)
        if (!broker) {
          errors.push(6)
          return
        }
        const connection = await pool.get(broker)
        const asks = list.map((c) => ({ partition: c.partition, offset: c.next, maxBytes: PARTITION_MAX_BYTES }))
        // The bytes are not pooled: the index keeps views of the last record for a while (its memo).
        for (const fetched of await fetchRaw(connection, topic, asks, onBytes, false)) {
          const c = list.find((x) => x.partition === fetched.partition)
          if (!c) continue
          if (fetched.errorCode !== 0) {
            errors.push(fetched.errorCode)
            c.leader = -1 // not asked again until the caller refreshed
            continue
          }
          c.high = fetched.high
          if (fetched.next > c.next) await new Promise((r) => setImmediate(r)) // let timers and requests run
          if (fetched.next > c.next) {
            c.next = fetched.next
            progressed = true
          }
        }
      }),
    )
    if (errors.length > 0 || !progressed) return errors
  }
}
