import 'server-only'
import { type Connection, ConnectionPool } from '@platformatic/kafka'
import { getClusterConfig } from '@/lib/config'
import type { ClusterConfig } from '@/lib/config/schema'
import { ApiError } from '@/lib/errors'
import { connectionOptionsFor, platformaticErrorOf } from '@/lib/kafka/platformatic-connection'
import { type Masker, maskerFor } from '@/lib/masking/apply-masking'
import { scanSchemaDecodingFor } from '@/lib/schema-registry/scan-decoding'
import { attachBytes, decodeRecord } from '../decode/decode-record'
import { buildFilter, type MessageFilter } from '../filter/build-filter'
import { type FetchAsk, type FetchedPartition, fetchRound } from '../scan/fetch-round'
import { type Broker, planScan } from '../scan/plan-scan'
import type { DecodedMessage, ScanRequest } from '../types'
import { TAIL_LIMITS, type TailProgress, type TailRequest, type TailStopReason } from './types'

// A live tail is the scan's Fetch (no consumer group, nothing committed) started at the end of each partition and
// never finished: the broker holds each Fetch up to WAIT_MS until a record arrives, so an idle topic costs little.

export type TailEvent = { type: 'messages'; messages: DecodedMessage[] } | { type: 'progress'; progress: TailProgress }

const WAIT = { maxWaitMs: 500, minBytes: 1 }
const PARTITION_MAX_BYTES = 1024 * 1024
/** Progress (the heartbeat that keeps proxies from closing an idle stream) at least this often. */
const HEARTBEAT_MS = 1_000
/** New partitions of the topic are looked for this often (when following all partitions). */
const DISCOVER_MS = 5_000
const BATCH = 500
const OFFSET_OUT_OF_RANGE = 1
const LEADER_ERRORS = new Set([3, 5, 6, 74, 76])
const MAX_LEADER_RETRIES = 5

type Follow = { partition: number; leader: number; pos: bigint }

/**
 * Follows a topic from its current end, yielding batches of new matching messages and a progress at least every
 * second (the first right after the start positions are known). Ends on `signal` or after request.maxMs, with a
 * progress with done: true. A bad filter, cluster, topic or partition throws (an ApiError) before anything is read.
 */
export function tailMessages(
  clusterId: string,
  topic: string,
  request: TailRequest,
  signal?: AbortSignal,
): AsyncGenerator<TailEvent> {
  const filter = buildFilter(request.filter)
  const cluster = getClusterConfig(clusterId)
  // Resolved now: the request's principal (exempt roles) is known here, not in a stream pulled later.
  const masker = maskerFor(clusterId, topic)
  return runTail(cluster, topic, request, filter, masker, signal)
}

async function* runTail(
  cluster: ClusterConfig,
  topic: string,
  request: TailRequest,
  filter: MessageFilter,
  masker: Masker | null,
  signal: AbortSignal | undefined,
): AsyncGenerator<TailEvent> {
  const started = Date.now()
  const maxMs = Math.min(request.maxMs, TAIL_LIMITS.maxMs)
  const formats = { key: request.keyFormat, value: request.valueFormat }
  // Confluent-framed payloads decoded through the cluster's Schema Registry, as the scan does.
  const schemas = scanSchemaDecodingFor(cluster, formats)
  const planRequest: ScanRequest = {
    partitions: request.partitions,
    start: { from: 'newest' },
    direction: 'forward',
    limit: 1,
    maxScan: 1,
    maxMs,
  }
  const plan = await planScan(cluster.id, topic, planRequest)
  let brokers: Map<number, Broker> = plan.brokers
  const follows: Follow[] = plan.partitions.map((p) => ({ partition: p.partition, leader: p.leader, pos: p.high }))
  const pool = new ConnectionPool('ferry-tail', connectionOptionsFor(cluster))
  let scanned = 0
  let matched = 0
  let skipped = 0
  let stop: TailStopReason | undefined
  let beat = { at: Date.now(), scanned: 0 }
  let discovered = Date.now()
  let leaderRetries = 0
  // Token bucket: one second of sends as burst, refilled continuously.
  let tokens: number = TAIL_LIMITS.sendPerSec
  let refilled = Date.now()

  const progress = (done: boolean): TailProgress => {
    const now = Date.now()
    const ratePerSec = Math.round(((scanned - beat.scanned) * 1000) / Math.max(1, now - beat.at))
    beat = { at: now, scanned }
    return {
      scanned,
      matched,
      skipped,
      ratePerSec,
      partitions: follows.length,
      filterErrors: filter.errors,
      done,
      stopReason: done ? stop : undefined,
    }
  }
  const bounded = (): boolean => {
    if (signal?.aborted) stop = 'cancelled'
    else if (Date.now() - started >= maxMs) stop = 'maxMs'
    return stop !== undefined
  }
  /** Leaders, log starts and (when following all) partitions added since the start, which are read from offset 0. */
  const refresh = async (clampTo: Set<number>) => {
    const fresh = await planScan(cluster.id, topic, planRequest)
    brokers = fresh.brokers
    for (const p of fresh.partitions) {
      const f = follows.find((x) => x.partition === p.partition)
      if (!f) {
        follows.push({ partition: p.partition, leader: p.leader, pos: p.low })
        continue
      }
      f.leader = p.leader
      // Out of range: retention deleted what was not read yet, or the log was truncated.
      if (clampTo.has(f.partition) && f.pos < p.low) f.pos = p.low
      if (clampTo.has(f.partition) && f.pos > p.high) f.pos = p.high
    }
  }
  const fetchAll = async (asks: FetchAsk[]): Promise<FetchedPartition[]> => {
    const byLeader = new Map<number, FetchAsk[]>()
    for (const ask of asks) {
      const leader = follows.find((f) => f.partition === ask.partition)?.leader ?? -1
      byLeader.set(leader, [...(byLeader.get(leader) ?? []), ask])
    }
    const rounds = await Promise.all(
      [...byLeader].map(async ([leader, list]) => {
        const broker = brokers.get(leader)
        if (!broker) return list.map((a) => ({ partition: a.partition, errorCode: 6, records: [], next: a.offset }))
        const connection: Connection = await pool.get(broker)
        return fetchRound(connection, topic, list, WAIT)
      }),
    )
    const results = rounds.flat()
    const failed = results.filter((r) => LEADER_ERRORS.has(r.errorCode) || r.errorCode === OFFSET_OUT_OF_RANGE)
    for (const r of results) {
      if (r.errorCode !== 0 && !failed.includes(r)) {
        throw new ApiError('internal', `Kafka answered error ${r.errorCode} for partition ${r.partition} of "${topic}"`)
      }
    }
    if (failed.length === 0) {
      leaderRetries = 0
      return results
    }
    if (++leaderRetries > MAX_LEADER_RETRIES) {
      throw new ApiError(
        'broker_unavailable',
        `Partitions ${failed.map((f) => f.partition).join(', ')} of "${topic}" cannot be read now (Kafka error ${failed[0]?.errorCode})`,
      )
    }
    await new Promise((r) => setTimeout(r, 100 * leaderRetries))
    await refresh(new Set(failed.filter((f) => f.errorCode === OFFSET_OUT_OF_RANGE).map((f) => f.partition)))
    return results.filter((r) => r.errorCode === 0)
  }
  const send = (): boolean => {
    const now = Date.now()
    tokens = Math.min(TAIL_LIMITS.sendPerSec, tokens + ((now - refilled) * TAIL_LIMITS.sendPerSec) / 1000)
    refilled = now
    if (tokens < 1) return false
    tokens--
    return true
  }

  try {
    yield { type: 'progress', progress: progress(false) }
    while (!bounded()) {
      if (!request.partitions?.length && Date.now() - discovered >= DISCOVER_MS) {
        discovered = Date.now()
        await refresh(new Set())
      }
      const asks = follows.map((f) => ({ partition: f.partition, offset: f.pos, maxBytes: PARTITION_MAX_BYTES }))
      const out: DecodedMessage[] = []
      const round = await fetchAll(asks)
      await schemas?.prepare(round.flatMap((r) => r.records.map((x) => x.record)))
      for (const fetched of round) {
        const f = follows.find((x) => x.partition === fetched.partition)
        if (!f) continue
        for (const rec of fetched.records) {
          f.pos = rec.offset + 1n
          scanned++
          if (filter.rejectsRawValue(rec.record.value)) continue
          const m = decodeRecord(f.partition, rec.batch, rec.record, formats, false)
          schemas?.apply(m, rec.record)
          // Masked (bytes included) before the filter runs, so a filter cannot find what the reader may not see.
          const shown = masker ? masker(attachBytes(m, rec.record)) : m
          if (!filter.matches(shown)) continue
          if (send()) {
            out.push(masker ? shown : attachBytes(shown, rec.record))
            matched++
          } else skipped++
        }
        if (fetched.next > f.pos) f.pos = fetched.next
        // Too far behind to ever show what is live: jump to the end rather than replay the backlog.
        if (fetched.high !== undefined && fetched.high - f.pos > BigInt(TAIL_LIMITS.maxLag)) {
          skipped += Number(fetched.high - f.pos)
          f.pos = fetched.high
        }
      }
      for (let i = 0; i < out.length; i += BATCH) yield { type: 'messages', messages: out.slice(i, i + BATCH) }
      if (Date.now() - beat.at >= HEARTBEAT_MS) yield { type: 'progress', progress: progress(false) }
    }
  } catch (err) {
    throw platformaticErrorOf(err, cluster)
  } finally {
    await pool.close().catch(() => undefined)
  }
  yield { type: 'progress', progress: progress(true) }
}
