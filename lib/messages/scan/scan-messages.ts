import 'server-only'
import { type Connection, ConnectionPool } from '@platformatic/kafka'
import { getClusterConfig } from '@/lib/config'
import type { ClusterConfig } from '@/lib/config/schema'
import { ApiError } from '@/lib/errors'
import { connectionOptionsFor, platformaticErrorOf } from '@/lib/kafka/platformatic-connection'
import { type Masker, maskerFor } from '@/lib/masking/apply-masking'
import { scanSchemaDecodingFor } from '@/lib/schema-registry/scan-decoding'
import { attachBytes, decodeRecord, type RawRecord } from '../decode/decode-record'
import { buildFilter, type MessageFilter } from '../filter/build-filter'
import type { DecodedMessage, ScanProgress, ScanRequest, StopReason } from '../types'
import { type FetchAsk, type FetchedPartition, fetchRound } from './fetch-round'
import { type PartitionPlan, planScan } from './plan-scan'

// Browsing reads partitions by hand with Fetch: no consumer group is joined and no offset is committed, so looking
// at a topic never shows up on the groups page or moves anyone's position.

export type ScanEvent = { type: 'messages'; messages: DecodedMessage[] } | { type: 'progress'; progress: ScanProgress }

const PARTITION_MAX_BYTES = 2 * 1024 * 1024
const OFFSET_OUT_OF_RANGE = 1
/** Errors that mean "ask the metadata again": not leader, leader not available, fenced/unknown leader epoch. */
const LEADER_ERRORS = new Set([3, 5, 6, 74, 76])
const MAX_LEADER_RETRIES = 5

type State = PartitionPlan & { pos: bigint }

/**
 * Scans a topic as the request says, yielding batches of matching messages and a progress report after each round.
 * The last event is a progress with done: true and the stop reason. A bad filter or an unknown topic or partition
 * throws (an ApiError) before anything is read.
 */
export function scanMessages(
  clusterId: string,
  topic: string,
  request: ScanRequest,
  signal?: AbortSignal,
): AsyncGenerator<ScanEvent> {
  // Checked now, not on the first next(): a bad expression or cluster must fail before a stream is opened.
  const filter = buildFilter(request.filter)
  const cluster = getClusterConfig(clusterId)
  // Resolved now: the request's principal (exempt roles) is known here, not in a stream pulled later.
  const masker = maskerFor(clusterId, topic)
  return runScan(cluster, topic, request, filter, masker, signal)
}

async function* runScan(
  cluster: ClusterConfig,
  topic: string,
  request: ScanRequest,
  filter: MessageFilter,
  masker: Masker | null,
  signal: AbortSignal | undefined,
): AsyncGenerator<ScanEvent> {
  const clusterId = cluster.id
  const started = Date.now()
  const plan = await planScan(clusterId, topic, request)
  const states: State[] = plan.partitions.map((p) => ({ ...p, pos: p.from }))
  const pool = new ConnectionPool('ferry-browse', connectionOptionsFor(cluster))
  const backward = request.direction === 'backward'
  const formats = { key: request.keyFormat, value: request.valueFormat }
  // Confluent-framed payloads decoded through the cluster's Schema Registry, schemas cached for this scan.
  const schemas = scanSchemaDecodingFor(cluster, formats)
  let scanned = 0
  let matched = 0
  let stop: StopReason | undefined
  let brokers = plan.brokers

  const progress = (done: boolean): ScanProgress => {
    const elapsed = Math.max(1, Date.now() - started)
    return {
      scanned,
      matched,
      ratePerSec: Math.round((scanned * 1000) / elapsed),
      positions: states.map((s) => ({ partition: s.partition, offset: s.pos.toString(), end: s.until.toString() })),
      filterErrors: filter.errors,
      done,
      stopReason: done ? stop : undefined,
    }
  }
  /** Counts one record; false once the scan must stop (then `stop` says why). */
  const take = (
    out: DecodedMessage[],
    decoded: DecodedMessage | (() => DecodedMessage),
    record: RawRecord,
  ): boolean => {
    scanned++
    // A record that cannot match is not decoded at all: decoding is most of a scan's cost.
    if (!filter.rejectsRawValue(record.value)) {
      const m = typeof decoded === 'function' ? decoded() : decoded
      schemas?.apply(m, record)
      // Masked (bytes included) before the filter runs, so a filter cannot find what the reader may not see.
      const shown = masker ? masker(attachBytes(m, record)) : m
      if (filter.matches(shown)) {
        out.push(masker ? shown : attachBytes(shown, record))
        matched++
      }
    }
    if (matched >= request.limit) stop = 'limit'
    else if (scanned >= request.maxScan) stop = 'maxScan'
    return stop === undefined
  }
  const bounded = (): boolean => {
    if (signal?.aborted) stop = 'cancelled'
    else if (Date.now() - started >= request.maxMs) stop = 'maxMs'
    return stop !== undefined
  }
  let leaderRetries = 0
  /** One Fetch per leader for the asks; partitions whose leader moved are dropped from this round and retried. */
  const fetchAll = async (asks: FetchAsk[]): Promise<FetchedPartition[]> => {
    const byLeader = new Map<number, FetchAsk[]>()
    for (const ask of asks) {
      const leader = states.find((s) => s.partition === ask.partition)?.leader ?? -1
      byLeader.set(leader, [...(byLeader.get(leader) ?? []), ask])
    }
    const rounds = await Promise.all(
      [...byLeader].map(async ([leader, list]) => {
        const broker = brokers.get(leader)
        if (!broker) return list.map((a) => ({ partition: a.partition, errorCode: 6, records: [], next: a.offset }))
        const connection: Connection = await pool.get(broker)
        return fetchRound(connection, topic, list)
      }),
    )
    const results = rounds.flat()
    await schemas?.prepare(results.flatMap((r) => r.records.map((x) => x.record)))
    const failed = results.filter((r) => LEADER_ERRORS.has(r.errorCode) || r.errorCode === OFFSET_OUT_OF_RANGE)
    if (failed.length > 0) {
      if (++leaderRetries > MAX_LEADER_RETRIES) {
        throw new ApiError(
          'broker_unavailable',
          `Partitions ${failed.map((f) => f.partition).join(', ')} of "${topic}" cannot be read now (Kafka error ${failed[0]?.errorCode})`,
        )
      }
      await new Promise((r) => setTimeout(r, 100 * leaderRetries))
      const fresh = await planScan(clusterId, topic, { ...request, partitions: states.map((s) => s.partition) })
      brokers = fresh.brokers
      for (const s of states) {
        const f = fresh.partitions.find((p) => p.partition === s.partition)
        if (!f) continue
        s.leader = f.leader
        // Retention deleted records under us: go on from the new log start.
        if (!backward && s.pos < f.low) s.pos = f.low
        if (backward && s.until < f.low) s.until = f.low
        s.low = f.low
      }
    }
    for (const r of results) {
      if (r.errorCode !== 0 && !failed.includes(r)) {
        throw new ApiError('internal', `Kafka answered error ${r.errorCode} for partition ${r.partition} of "${topic}"`)
      }
    }
    return results.filter((r) => r.errorCode === 0)
  }

  try {
    let round = 0
    while (!bounded()) {
      const out: DecodedMessage[] = []
      if (backward) {
        if (!(await readBackwardPage(states, request, fetchAll, take, out, formats, bounded))) stop ??= 'end'
      } else {
        const active = states.filter((s) => s.pos < s.until)
        if (active.length === 0) {
          stop = 'end'
          break
        }
        // Rotate which partition comes first: only the first of a Fetch is sure to get data past the byte limits.
        const r = round++ % active.length
        const asks = [...active.slice(r), ...active.slice(0, r)].map((s) => ({
          partition: s.partition,
          offset: s.pos,
          maxBytes: PARTITION_MAX_BYTES,
        }))
        outer: for (const fetched of await fetchAll(asks)) {
          const s = states.find((x) => x.partition === fetched.partition)
          if (!s) continue
          for (const rec of fetched.records) {
            if (rec.offset >= s.until) break
            s.pos = rec.offset + 1n
            const decode = () => decodeRecord(s.partition, rec.batch, rec.record, formats, false)
            if (!take(out, decode, rec.record)) break outer
          }
          if (fetched.next > s.pos) s.pos = minOf(fetched.next, s.until)
        }
      }
      if (out.length > 0) yield { type: 'messages', messages: out }
      if (stop) break
      yield { type: 'progress', progress: progress(false) }
    }
  } catch (err) {
    throw platformaticErrorOf(err, cluster)
  } finally {
    await pool.close().catch(() => undefined)
  }
  yield { type: 'progress', progress: progress(true) }
}

type Fetcher = (asks: FetchAsk[]) => Promise<FetchedPartition[]>

/**
 * One page per partition, read below each partition's position, merged newest first (by timestamp, then offset)
 * and counted in that order. False when every partition is read down to its end.
 */
async function readBackwardPage(
  states: State[],
  request: ScanRequest,
  fetchAll: Fetcher,
  take: (out: DecodedMessage[], m: DecodedMessage, record: RawRecord) => boolean,
  out: DecodedMessage[],
  formats: { key?: ScanRequest['keyFormat']; value?: ScanRequest['valueFormat'] },
  bounded: () => boolean,
): Promise<boolean> {
  const active = states.filter((s) => s.pos > s.until)
  if (active.length === 0) return false
  // A page of `limit` records per partition: the first page then holds the newest `limit` of the whole topic.
  const page = BigInt(Math.min(Math.max(request.limit, 100), 5_000))
  const ranges = new Map<number, { floor: bigint; top: bigint; next: bigint }>()
  for (const s of active) {
    const floor = s.pos - page > s.until ? s.pos - page : s.until
    ranges.set(s.partition, { floor, top: s.pos, next: floor })
  }
  const collected: { m: DecodedMessage; record: RawRecord }[] = []
  for (;;) {
    const asks = [...ranges]
      .filter(([, r]) => r.next < r.top)
      .map(([partition, r]) => ({ partition, offset: r.next, maxBytes: PARTITION_MAX_BYTES }))
    if (asks.length === 0 || bounded()) break
    for (const fetched of await fetchAll(asks)) {
      const r = ranges.get(fetched.partition)
      if (!r) continue
      for (const rec of fetched.records) {
        if (rec.offset >= r.top) break
        collected.push({
          m: decodeRecord(fetched.partition, rec.batch, rec.record, formats, false),
          record: rec.record,
        })
      }
      r.next = fetched.next > r.next ? fetched.next : r.top // an empty answer below the top: nothing left there
    }
  }
  collected.sort(
    ({ m: a }, { m: b }) => b.timestamp - a.timestamp || cmpOffsetDesc(a.offset, b.offset) || a.partition - b.partition,
  )
  const byPartition = new Map(states.map((s) => [s.partition, s]))
  for (const { m, record } of collected) {
    const s = byPartition.get(m.partition)
    if (s) s.pos = BigInt(m.offset)
    if (!take(out, m, record)) return true
  }
  for (const [partition, r] of ranges) {
    const s = byPartition.get(partition)
    if (s) s.pos = r.floor
  }
  return true
}

function cmpOffsetDesc(a: string, b: string): number {
  const x = BigInt(a)
  const y = BigInt(b)
  return x === y ? 0 : x > y ? -1 : 1
}

function minOf(a: bigint, b: bigint): bigint {
  return a < b ? a : b
}
