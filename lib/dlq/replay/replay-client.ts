import 'server-only'
import { type ClusterMetadata, Producer } from '@platformatic/kafka'
import { getClusterConfig } from '@/lib/config'
import type { ClusterConfig } from '@/lib/config/schema'
import { ApiError } from '@/lib/errors'
import { fetchWatermarks } from '@/lib/kafka/fetch-watermarks'
import { brokerOf, connectionOptionsFor, platformaticErrorOf } from '@/lib/kafka/platformatic-connection'
import { type BatchSink, fetchRaw, type ReplayFetched } from '../raw/fetch-raw'
import { IdempotentSender } from './idempotent-sender'
import { PreparedRecord } from './prepare-record'

// One client per replay job (or per discard / plan). Records are sent by Ferry's IdempotentSender (acks=all, no
// transactions: measured 2-10× faster than @platformatic/kafka's or kafkajs' transactional mode) over the
// connections of a @platformatic/kafka Producer, whose metadata and connections also serve the raw Fetch reads of
// the DLQ, of the state topics and of the target partitions during recovery.

export type OutgoingRecord = {
  topic: string
  partition: number
  key: Buffer | null
  value: Buffer | null
  headers: [string, Buffer][]
}

export type PartitionRange = { partition: number; from: bigint; until: bigint }

const READ_MAX_BYTES = 4 * 1024 * 1024
/** Kafka error codes meaning "ask the metadata again". */
const LEADER_ERRORS = new Set([3, 5, 6, 74, 76])
const OFFSET_OUT_OF_RANGE = 1
const READ_RETRIES = 20
/** Below Kafka's default max.message.bytes (1 MB) per partition batch. */
const PARTITION_BATCH_BYTES = 900_000
const MAX_EMPTY_ROUNDS = 5
/** fetch-round's response limit, shared between the partitions asked of one leader. */
const FETCH_RESPONSE_BYTES = 15 * 1024 * 1024
export class ReplayClient {
  readonly cluster: ClusterConfig
  private readonly producer: Producer<Buffer, Buffer, Buffer, Buffer>
  private readonly sender: IdempotentSender

  constructor(clusterId: string, clientId = 'ferry-replay') {
    this.cluster = getClusterConfig(clusterId)
    this.producer = new Producer({
      ...connectionOptionsFor(this.cluster),
      clientId,
      bootstrapBrokers: this.cluster.brokers.map(brokerOf),
      idempotent: true,
      acks: -1,
      autocreateTopics: false,
      retries: 10,
      retryDelay: 250,
    })
    this.sender = new IdempotentSender({
      metadata: (topics, forceUpdate) => this.metadata(topics, forceUpdate),
      connectionOf: (broker) => this.producer.connections.get(broker),
      requestTimeoutMs: this.cluster.requestTimeoutMs,
      retries: 10,
      retryDelayMs: 250,
    })
  }

  async metadata(topics: string[], forceUpdate = false): Promise<ClusterMetadata> {
    try {
      return await this.producer.metadata({ topics, forceUpdate })
    } catch (err) {
      throw platformaticErrorOf(err, this.cluster)
    }
  }

  /** Partition count of a topic, undefined when it does not exist. */
  async partitionsOf(topic: string, fresh = true): Promise<number | undefined> {
    try {
      const m = await this.producer.metadata({ topics: [topic], forceUpdate: fresh })
      return m.topics.get(topic)?.partitionsCount
    } catch (err) {
      const e = platformaticErrorOf(err, this.cluster)
      if (e.code === 'not_found' || /UNKNOWN_TOPIC/i.test(e.message)) return undefined
      throw e
    }
  }

  /** Sends and waits for all acks. Throws when the outcome is unknown or failed (the caller recovers). */
  async send(records: OutgoingRecord[]): Promise<void> {
    await this.sendWithOffsets(records)
  }

  /**
   * Sends and waits for all acks; the base offset each topic-partition got, keyed "topic\0partition". Through
   * IdempotentSender (batches encoded straight into one Buffer each, raw Produce v11): the Producer's per-request
   * buffer concatenations dominated a replay's CPU profile.
   */
  async sendWithOffsets(records: OutgoingRecord[]): Promise<Map<string, bigint>> {
    if (records.length === 0) return new Map()
    try {
      return await this.sender.send(records)
    } catch (err) {
      throw platformaticErrorOf(err, this.cluster)
    }
  }

  /**
   * Sends records in order as requests of at most PARTITION_BATCH_BYTES per partition (Kafka's default
   * max.message.bytes is 1 MB per batch) and returns the offset each record got, by index.
   */
  async sendBatched(records: OutgoingRecord[], inFlight = 1): Promise<bigint[]> {
    const offsets: bigint[] = new Array(records.length)
    const pending = new Set<Promise<void>>()
    let failed: unknown
    let start = 0
    // Per topic, per partition (no per-record strings: this runs for every record sent).
    let bytes = new Map<string, number[]>()
    const flush = async (end: number) => {
      if (end <= start) return
      const from = start
      const slice = records.slice(from, end)
      start = end
      bytes = new Map()
      // Requests are issued in order on each leader's one connection; with several in flight the sequence numbers
      // (taken when a request is encoded) keep every partition's order, and a gap is refused by the broker.
      const request = this.sendWithOffsets(slice).then(
        (base) => {
          const next = new Map<string, (bigint | undefined)[]>()
          for (let i = 0; i < slice.length; i++) {
            const r = slice[i]!
            let byPartition = next.get(r.topic)
            if (!byPartition) {
              byPartition = []
              next.set(r.topic, byPartition)
            }
            let o = byPartition[r.partition]
            if (o === undefined) {
              o = base.get(`${r.topic}\u0000${r.partition}`)
              if (o === undefined) continue
            }
            offsets[from + i] = o
            byPartition[r.partition] = o + 1n
          }
        },
        (err) => {
          failed ??= err
        },
      )
      pending.add(request)
      void request.finally(() => pending.delete(request))
      while (pending.size >= inFlight) await Promise.race(pending)
      if (failed) {
        // Nothing of this call stays in flight once it throws: the caller's recovery scans after it.
        await Promise.allSettled(pending)
        throw failed
      }
    }
    for (let i = 0; i < records.length; i++) {
      const r = records[i]!
      const size = approxSizeOf(r)
      let byPartition = bytes.get(r.topic)
      if (!byPartition) {
        byPartition = []
        bytes.set(r.topic, byPartition)
      }
      if ((byPartition[r.partition] ?? 0) + size > PARTITION_BATCH_BYTES) {
        await flush(i)
        byPartition = []
        bytes.set(r.topic, byPartition)
      }
      byPartition[r.partition] = (byPartition[r.partition] ?? 0) + size
    }
    await flush(records.length)
    await Promise.all(pending)
    if (failed) throw failed
    return offsets
  }

  /** Low and high watermarks of each partition. */
  async watermarks(topic: string, partitions: number[]): Promise<Map<number, { low: bigint; high: bigint }>> {
    const marks = (await fetchWatermarks(this.cluster.id, [{ topic, partitions }])).get(topic) ?? []
    return new Map(marks.map((m) => [m.partition, { low: BigInt(m.low), high: BigInt(m.high) }]))
  }

  /**
   * Reads each range [from, until) in order and hands the records to `onRecords`, which returns the next offset to
   * read (to jump over gaps in a sparse selection) or null when it has what it wanted of that partition.
   */
  async read(
    topic: string,
    ranges: PartitionRange[],
    onRecords: (partition: number, records: ReplayFetched[], next: bigint) => bigint | null,
  ): Promise<void> {
    await this.readRounds(
      topic,
      ranges.filter((r) => r.from < r.until),
      (p, records, _high, next, range) => {
        const wanted = records.filter((r) => r.offset < range.until)
        const after = onRecords(p, wanted, next)
        if (after === null || after >= range.until) return null
        return after
      },
      READ_MAX_BYTES,
    )
  }

  /**
   * Reads each range [from, until) in order, handing the raw records bytes to `sink` (which keeps what it wants) and
   * then asking `onNext` for the next offset to read after `next` (null: that partition is done).
   */
  async readInto(
    topic: string,
    ranges: PartitionRange[],
    sink: BatchSink,
    onNext: (partition: number, next: bigint) => bigint | null,
  ): Promise<void> {
    await this.readRounds(
      topic,
      ranges.filter((r) => r.from < r.until),
      (p, _records, _high, next, range) => {
        const after = onNext(p, next)
        if (after === null || after >= range.until) return null
        return after
      },
      READ_MAX_BYTES,
      sink,
    )
  }

  private async readRounds(
    topic: string,
    ranges: PartitionRange[],
    each: (
      partition: number,
      records: ReplayFetched[],
      high: bigint,
      next: bigint,
      range: PartitionRange,
    ) => bigint | null,
    maxBytes: number,
    sink?: BatchSink,
  ): Promise<void> {
    const pos = new Map(ranges.map((r) => [r.partition, r.from]))
    const rangeOf = new Map(ranges.map((r) => [r.partition, r]))
    const empty = new Map<number, number>()
    let failures = 0
    let metadata = await this.metadata([topic])
    while (pos.size > 0) {
      const byLeader = new Map<number, number[]>()
      for (const p of pos.keys()) {
        const leader = metadata.topics.get(topic)?.partitions[p]?.leader ?? -1
        byLeader.set(leader, [...(byLeader.get(leader) ?? []), p])
      }
      let retry = false
      await Promise.all(
        [...byLeader].map(async ([leader, parts]) => {
          const broker = metadata.brokers.get(leader)
          if (!broker) {
            retry = true
            return
          }
          const connection = await this.producer.connections.get(broker)
          // Kafka caps a Fetch response at 16 MB in all: share it so every partition gets data each round.
          const share = Math.max(64 * 1024, Math.min(maxBytes, Math.floor(FETCH_RESPONSE_BYTES / parts.length)))
          const asks = parts.map((p) => ({ partition: p, offset: pos.get(p)!, maxBytes: share }))
          const results = await fetchRaw(connection, topic, asks, sink)
          for (const r of results) {
            if (LEADER_ERRORS.has(r.errorCode)) {
              retry = true
              continue
            }
            if (r.errorCode === OFFSET_OUT_OF_RANGE) {
              // Retention removed the start of the range: go on from the log start.
              const low = (await this.watermarks(topic, [r.partition])).get(r.partition)?.low ?? 0n
              if (low > pos.get(r.partition)!) pos.set(r.partition, low)
              else pos.delete(r.partition)
              continue
            }
            if (r.errorCode !== 0)
              throw new ApiError('internal', `Kafka error ${r.errorCode} reading ${topic}/${r.partition}`)
            const high = r.high ?? r.next
            const range = rangeOf.get(r.partition)!
            const next = each(r.partition, r.records, high, r.next, range)
            // Stop at the range end or the partition end. A round without records (the response was full with
            // other partitions' data) is retried; only repeated empty rounds mean there is nothing more to read.
            const at = pos.get(r.partition)!
            if (next === null || next >= high) pos.delete(r.partition)
            else if (next > at) {
              pos.set(r.partition, next)
              empty.delete(r.partition)
            } else if ((empty.get(r.partition) ?? 0) >= MAX_EMPTY_ROUNDS) pos.delete(r.partition)
            else empty.set(r.partition, (empty.get(r.partition) ?? 0) + 1)
          }
        }),
      ).catch((err) => {
        if (err instanceof ApiError) throw err
        retry = true
        if (++failures > READ_RETRIES) throw platformaticErrorOf(err, this.cluster)
      })
      if (retry) {
        if (++failures > READ_RETRIES) {
          throw new ApiError('broker_unavailable', `Partitions of "${topic}" cannot be read now (no leader)`)
        }
        await new Promise((r) => setTimeout(r, 250))
        metadata = await this.metadata([topic], true)
      }
    }
  }

  async close(): Promise<void> {
    await this.producer.close(true).catch(() => undefined)
  }
}

/** A record's encoded size, roughly (the batch limit has room to spare). */
function approxSizeOf(r: OutgoingRecord): number {
  if (r instanceof PreparedRecord) return r.approxBytes()
  let size = (r.key?.length ?? 0) + (r.value?.length ?? 0) + 24
  for (const [k, v] of r.headers) size += k.length + v.length + 8
  return size
}
