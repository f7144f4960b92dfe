import 'server-only'
import { type Broker, type Connection, ConnectionPool, fetchV12 } from '@platformatic/kafka'
import { getClusterConfig } from '@/lib/config'
import { withAdmin } from './client'
import { connectionOptionsFor, platformaticErrorOf } from './platformatic-connection'

// Reads a whole topic from a point in time, then follows it, without a consumer group: every console instance reads
// every partition itself (kafkajs consumers cannot be assigned partitions by hand, and a group per instance would
// litter the groups page). Its own connections, because a long-polling Fetch holds its connection for maxWaitMs and
// would delay every other request sent on a shared one.

export type TailRecord = {
  partition: number
  offset: bigint
  /** Epoch ms (create time, or the broker's append time for LogAppendTime topics). */
  timestamp: number
  key: Buffer | null
  value: Buffer | null
}

export type TopicTailOptions = {
  clusterId: string
  topic: string
  /** Every partition starts at its first record at or after this time (epoch ms). */
  fromTimestamp: number
  /** Called with each fetched batch of records, in offset order per partition. */
  onRecords: (records: TailRecord[]) => void
  onError?: (err: Error) => void
  /** How long the broker holds a Fetch when nothing new is there. */
  maxWaitMs?: number
}

const MAX_BYTES = 8 * 1024 * 1024
const PARTITION_MAX_BYTES = 4 * 1024 * 1024
const RETRY_AFTER_MS = 2_000
const OFFSET_OUT_OF_RANGE = 1
const LOG_APPEND_TIME = 1 << 3
const CONTROL_BATCH = 1 << 5

type FetchResponse = Awaited<ReturnType<typeof fetchV12.api.async>>
type LeaderPlan = { broker: Broker; partitions: number[] }

export class TopicTail {
  private stopped = false
  private readonly pool: ConnectionPool
  private readonly offsets = new Map<number, bigint>()
  /** High watermarks when the tail started: reaching them all is "caught up". */
  private targets: Map<number, bigint> | null = null
  private readonly caughtUpPartitions = new Set<number>()
  private resolveCaughtUp: () => void = () => undefined
  private running: Promise<void> | null = null
  private wake: (() => void) | null = null
  /** Resolves once every record that existed at start has been handed over (or the tail is stopped). */
  readonly caughtUp: Promise<void>
  lastError: Error | null = null

  constructor(private readonly options: TopicTailOptions) {
    this.pool = new ConnectionPool('ferry-tail', connectionOptionsFor(getClusterConfig(options.clusterId)))
    this.caughtUp = new Promise((resolve) => {
      this.resolveCaughtUp = resolve
    })
  }

  start(): void {
    this.running ??= this.run()
  }

  async stop(): Promise<void> {
    this.stopped = true
    this.wake?.()
    await this.pool.close().catch(() => undefined)
    await this.running
    this.resolveCaughtUp()
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        if (this.targets === null) await this.seek()
        await this.fetchFromLeaders(await this.leaders())
      } catch (err) {
        if (this.stopped) break
        this.lastError = platformaticErrorOf(err, getClusterConfig(this.options.clusterId))
        this.options.onError?.(this.lastError)
        await this.sleep(RETRY_AFTER_MS)
      }
    }
  }

  /** Start offsets by timestamp, and the high watermarks that mark the end of the read-back. */
  private async seek(): Promise<void> {
    const { topic, fromTimestamp } = this.options
    const [byTime, ends] = await withAdmin(this.options.clusterId, (admin) =>
      Promise.all([admin.fetchTopicOffsetsByTimestamp(topic, fromTimestamp), admin.fetchTopicOffsets(topic)]),
    )
    for (const p of byTime) this.offsets.set(p.partition, BigInt(p.offset))
    this.targets = new Map(ends.map((e) => [e.partition, BigInt(e.high)]))
    for (const [partition, high] of this.targets) {
      if ((this.offsets.get(partition) ?? 0n) >= high) this.caughtUpPartitions.add(partition)
    }
    this.checkCaughtUp()
  }

  private async leaders(): Promise<LeaderPlan[]> {
    const { topic } = this.options
    const [{ topics }, { brokers }] = await withAdmin(this.options.clusterId, (admin) =>
      Promise.all([admin.fetchTopicMetadata({ topics: [topic] }), admin.describeCluster()]),
    )
    const byLeader = new Map<number, number[]>()
    for (const p of topics[0]?.partitions ?? []) {
      if (p.leader < 0) continue
      byLeader.set(p.leader, [...(byLeader.get(p.leader) ?? []), p.partitionId])
    }
    const plan: LeaderPlan[] = []
    for (const [leader, partitions] of byLeader) {
      const b = brokers.find((x) => x.nodeId === leader)
      if (b) plan.push({ broker: { host: b.host, port: b.port }, partitions })
    }
    if (plan.length === 0) throw new Error(`topic "${topic}" has no partition with a leader`)
    return plan
  }

  /** One fetch loop per leader broker until a partition moves (replan), a request fails (throw) or stop. */
  private async fetchFromLeaders(plan: LeaderPlan[]): Promise<void> {
    let replan = false
    const loops = plan.map(async ({ broker, partitions }) => {
      try {
        const connection = await this.pool.get(broker)
        while (!this.stopped && !replan) {
          if (!(await this.fetchOnce(connection, partitions))) replan = true
        }
      } finally {
        replan = true
      }
    })
    const failed = (await Promise.allSettled(loops)).find((r) => r.status === 'rejected')
    if (failed) throw failed.reason
    if (!this.stopped) await this.sleep(200) // a leader moved: let the metadata settle
  }

  /** One Fetch; false when a partition answered an error that needs fresh metadata. */
  private async fetchOnce(connection: Connection, partitions: number[]): Promise<boolean> {
    const { topic } = this.options
    const request = [
      {
        topicId: topic,
        partitions: partitions.map((partition) => ({
          partition,
          currentLeaderEpoch: -1,
          fetchOffset: this.offsets.get(partition) ?? 0n,
          lastFetchedEpoch: -1,
          partitionMaxBytes: PARTITION_MAX_BYTES,
        })),
      },
    ]
    // Session id 0 with epoch -1: a plain full Fetch, no incremental fetch session kept on the broker.
    const response = await fetchV12.api
      .async(connection, this.options.maxWaitMs ?? 1_000, 1, MAX_BYTES, 0, 0, -1, request, [], '')
      .catch(responseOfError)
    const records: TailRecord[] = []
    let healthy = true
    for (const t of response.responses) {
      for (const p of t.partitions) {
        const from = this.offsets.get(p.partitionIndex) ?? 0n
        if (p.errorCode === OFFSET_OUT_OF_RANGE) {
          // Retention deleted what we were about to read, or the topic was recreated: go on from the oldest record.
          this.offsets.set(p.partitionIndex, await this.earliest(p.partitionIndex))
          continue
        }
        if (p.errorCode !== 0) {
          healthy = false
          continue
        }
        let next = from
        for (const batch of p.records ?? []) {
          const batchEnd = batch.firstOffset + BigInt(batch.lastOffsetDelta) + 1n
          if (batchEnd > next) next = batchEnd
          if (batch.attributes & CONTROL_BATCH) continue
          for (const r of batch.records) {
            const offset = batch.firstOffset + BigInt(r.offsetDelta)
            if (offset < from) continue
            const timestamp =
              batch.attributes & LOG_APPEND_TIME ? batch.maxTimestamp : batch.firstTimestamp + r.timestampDelta
            records.push({
              partition: p.partitionIndex,
              offset,
              timestamp: Number(timestamp),
              key: r.key,
              value: r.value,
            })
          }
        }
        this.offsets.set(p.partitionIndex, next)
        const target = this.targets?.get(p.partitionIndex) ?? 0n
        if (next >= target || next >= p.highWatermark) this.caughtUpPartitions.add(p.partitionIndex)
      }
    }
    if (records.length > 0) {
      try {
        this.options.onRecords(records)
      } catch (err) {
        this.options.onError?.(err as Error)
      }
    }
    this.checkCaughtUp()
    return healthy
  }

  private async earliest(partition: number): Promise<bigint> {
    const offsets = await withAdmin(this.options.clusterId, (admin) => admin.fetchTopicOffsets(this.options.topic))
    return BigInt(offsets.find((o) => o.partition === partition)?.low ?? '0')
  }

  private checkCaughtUp(): void {
    if (this.targets && [...this.targets.keys()].every((p) => this.caughtUpPartitions.has(p))) this.resolveCaughtUp()
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms)
      this.wake = () => {
        clearTimeout(timer)
        resolve()
      }
    })
  }
}

/** A Fetch with per-partition errors still carries the other partitions' records; anything else is rethrown. */
function responseOfError(err: unknown): FetchResponse {
  const response = (err as { response?: FetchResponse }).response
  if (response?.responses && (err as { code?: string }).code === 'PLT_KFK_RESPONSE') return response
  throw err
}
