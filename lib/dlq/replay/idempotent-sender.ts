import 'server-only'
import { type Broker, type ClusterMetadata, type Connection, initProducerIdV4 } from '@platformatic/kafka'
import { giveBack } from '../raw/buffer-pool'
import { type BatchRecord, encodeRecordBatch } from './encode-record-batch'
import { type PrebuiltTopicData, producePrebuiltV11 } from './produce-api'

// An idempotent producer of prebuilt batches: one producer id (InitProducerId, no transactional id), a sequence per
// partition, acks=all, one request per leader carrying all its partitions' batches. Sends may overlap (a caller keeps
// a few in flight): a send takes its partitions' sequences when it encodes, and requests are issued one send at a
// time, in that order, on each leader's one connection, so every partition sees its sequences in order. A retry
// resends the same bytes (same sequences), which the broker deduplicates, exactly as an idempotent producer's own
// retries; when they run out the producer id is dropped and the error thrown: the caller does not know what landed
// and recovers (run-job scans).

export type SendTarget = BatchRecord & { topic: string; partition: number }

export type SenderDeps = {
  metadata: (topics: string[], forceUpdate: boolean) => Promise<ClusterMetadata>
  connectionOf: (broker: Broker) => Promise<Connection>
  requestTimeoutMs: number
  retries: number
  retryDelayMs: number
}

const ACKS_ALL = -1
const INT32_MAX = 0x7fffffff

type Pending = { topic: string; partition: number; batch: Buffer; count: number }

export class IdempotentSender {
  private producer: Promise<{ producerId: bigint; producerEpoch: number }> | undefined
  private readonly sequences = new Map<string, number>()
  /** Held while a send encodes and issues its requests (not while it waits for their answers). */
  private issuing: Promise<void> = Promise.resolve()

  constructor(private readonly deps: SenderDeps) {}

  /** Runs `issue` after every earlier send has issued its requests; resolves when this one's are issued. */
  private inIssueOrder<T>(issue: () => Promise<T>): Promise<T> {
    const turn = this.issuing.then(issue)
    this.issuing = turn.then(
      () => undefined,
      () => undefined,
    )
    return turn
  }

  /** Sends and waits for all acks; the base offset each topic-partition got, keyed "topic\0partition". */
  async send(records: SendTarget[]): Promise<Map<string, bigint>> {
    const out = new Map<string, bigint>()
    if (records.length === 0) return out
    const grouped = new Map<string, SendTarget[]>()
    for (const r of records) {
      const key = `${r.topic}\u0000${r.partition}`
      let list = grouped.get(key)
      if (!list) {
        list = []
        grouped.set(key, list)
      }
      list.push(r)
    }
    const topics = [...new Set(records.map((r) => r.topic))]
    try {
      let metadata: ClusterMetadata
      // Encoded and issued in turn; the answers are awaited outside the turn.
      const batches: Buffer[] = []
      let answers = await this.inIssueOrder(async () => {
        metadata = await this.deps.metadata(topics, false)
        this.producer ??= this.initProducerId(metadata)
        const producer = await this.producer
        const now = BigInt(Date.now())
        const pending = new Map<string, Pending>()
        for (const [key, list] of grouped) {
          const baseSequence = this.sequences.get(key) ?? 0
          const next = baseSequence + list.length
          this.sequences.set(key, next > INT32_MAX ? next - INT32_MAX - 1 : next)
          const batch = encodeRecordBatch(list, { ...producer, baseSequence }, now)
          batches.push(batch)
          pending.set(key, { topic: list[0]!.topic, partition: list[0]!.partition, batch, count: list.length })
        }
        return { pending, ...(await this.issuePending(metadata, pending, out)) }
      })
      for (let attempt = 0; ; attempt++) {
        try {
          await answers.answered
          break
        } catch (err) {
          if (attempt >= this.deps.retries || !retriable(err)) throw err
          await new Promise((r) => setTimeout(r, this.deps.retryDelayMs))
          const { pending } = answers
          answers = await this.inIssueOrder(async () => {
            metadata = await this.deps.metadata(topics, true)
            return { pending, ...(await this.issuePending(metadata, pending, out)) }
          })
        }
      }
      // Answered: no request reads these bytes again. (After a failure they are left to the garbage collector: a
      // request still queued on a connection might.)
      for (const b of batches) giveBack(b)
      return out
    } catch (err) {
      // Outcome unknown: later sends start over as a new producer (its sequences from 0).
      this.producer = undefined
      this.sequences.clear()
      throw err
    }
  }

  /**
   * Issues one request per leader, resolving once all are issued (connections first, then every request at once, so
   * the requests of one send go out together) with `answered`: acknowledged partitions leave `pending`, so a retry
   * resends only the others.
   */
  private async issuePending(
    metadata: ClusterMetadata,
    pending: Map<string, Pending>,
    out: Map<string, bigint>,
  ): Promise<{ answered: Promise<void> }> {
    const byLeader = new Map<number, Pending[]>()
    for (const p of pending.values()) {
      const leader = metadata.topics.get(p.topic)?.partitions[p.partition]?.leader ?? -1
      let list = byLeader.get(leader)
      if (!list) {
        list = []
        byLeader.set(leader, list)
      }
      list.push(p)
    }
    const connected = await Promise.allSettled(
      [...byLeader].map(async ([leader, parts]) => {
        const broker = metadata.brokers.get(leader)
        if (!broker) throw new Error(`No leader for ${parts[0]!.topic}/${parts[0]!.partition}`)
        return { parts, connection: await this.deps.connectionOf(broker) }
      }),
    )
    const requests = connected.map(async (c) => {
      if (c.status === 'rejected') throw c.reason
      const topics = new Map<string, PrebuiltTopicData[number]>()
      for (const p of c.value.parts) {
        let t = topics.get(p.topic)
        if (!t) {
          t = { topic: p.topic, partitions: [] }
          topics.set(p.topic, t)
        }
        t.partitions.push({ partition: p.partition, batch: p.batch })
      }
      const response = await producePrebuiltV11.async(c.value.connection, ACKS_ALL, this.deps.requestTimeoutMs, [
        ...topics.values(),
      ])
      for (const t of response.responses) {
        for (const p of t.partitionResponses) {
          const key = `${t.name}\u0000${p.index}`
          out.set(key, p.baseOffset)
          pending.delete(key)
        }
      }
    })
    const answered = Promise.allSettled(requests).then((results) => {
      const failed = results.find((r) => r.status === 'rejected')
      if (failed) throw failed.reason
    })
    answered.catch(() => undefined) // awaited by the caller; not unhandled meanwhile
    return { answered }
  }

  /** Retried like a send: a young cluster answers COORDINATOR_LOAD_IN_PROGRESS for a while. */
  private async initProducerId(metadata: ClusterMetadata): Promise<{ producerId: bigint; producerEpoch: number }> {
    const brokers = [...metadata.brokers.values()]
    if (brokers.length === 0) throw new Error('No broker to ask for a producer id')
    for (let attempt = 0; ; attempt++) {
      try {
        const connection = await this.deps.connectionOf(brokers[attempt % brokers.length]!)
        const r = await initProducerIdV4.api.async(connection, null, this.deps.requestTimeoutMs, -1n, -1)
        return { producerId: r.producerId, producerEpoch: r.producerEpoch }
      } catch (err) {
        if (attempt >= this.deps.retries || !retriable(err)) throw err
        await new Promise((r) => setTimeout(r, this.deps.retryDelayMs))
      }
    }
  }
}

/** Broker answers that retrying cannot fix (authorization, record too large, …) are thrown at once. */
function retriable(err: unknown): boolean {
  const e = err as { code?: string; errors?: { canRetry?: boolean }[] }
  if (e?.code !== 'PLT_KFK_RESPONSE') return true
  return (e.errors ?? []).every((x) => x.canRetry === true)
}
