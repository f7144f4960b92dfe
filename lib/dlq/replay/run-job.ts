import 'server-only'
import type { DeadLetterResolution, ReplayJob } from '../api-types'
import { ResolutionRunBuilder } from '../resolutions/resolution-runs'
import { REPLAY_HEADERS, type ResolutionRecord } from '../resolutions/types'
import { writeResolutionRuns, writeResolutions } from '../resolutions/write-resolutions'
import { writeJob } from './job-store'
import { type Checkpoint, expandRuns, type StoredJob, type TargetCheckpoint } from './job-types'
import { type ChunkContext, type ChunkItem, prepareChunk } from './prepare-chunk'
import type { PreparedRecord } from './prepare-record'
import { coordinateId } from './read-dead-letters'
import { readResolutionsOf } from './read-resolutions-of'
import { type OutgoingRecord, ReplayClient } from './replay-client'
import { TokenBucket } from './token-bucket'

// The replay loop. Exactly-once without transactions comes from ordering (docs/dlq-replay.md):
//   send a chunk, wait for every ack → write its resolutions → write the checkpoint.
// Whenever a send's outcome is unknown (error, crash, takeover), `recover` first scans every target partition from
// the checkpoint to its end for this job's records and resolves them, so nothing is sent twice.

/** Records per chunk (sent as requests of ≤ 900 KB per partition). */
const CHUNK_RECORDS = 10_000
const FIRST_CHUNK_RECORDS = 2_000
/** Produce requests in flight at once: the next request is encoded and sent while the broker writes the last. */
const SENDS_IN_FLIGHT = 2
/** After a failed send: let in-flight requests land or fail, and replication settle, before scanning the targets. */
const SETTLE_MS = 2_000
const MAX_SEND_FAILURES = 8

export type RunningJob = {
  stored: StoredJob
  client: ReplayClient
  jobsTopic: string
  resolutionsTopic: string
  maxReplays: number
  sourceByName?: string
  /** The run starts with a recovery scan (a takeover, or the owner restarted). */
  recoverFirst: boolean
  cancel: boolean
  listeners: Set<(job: ReplayJob) => void>
  /** A new job's resolutions as its plan read them moments ago (a resumed job reads them again). */
  resolutions?: Map<string, DeadLetterResolution>
  /** Serialises job-record writes so a later state never lands before an earlier one. */
  writes: Promise<void>
  done: Promise<void>
}

export function emit(rt: RunningJob): void {
  for (const l of rt.listeners) l(rt.stored.job)
}

/** Queues a write of the job's current state (a snapshot), with a fresh heartbeat. */
export function saveJob(rt: RunningJob): Promise<void> {
  rt.stored.heartbeatAt = Date.now()
  rt.stored.job.updatedAt = new Date(rt.stored.heartbeatAt).toISOString()
  const snapshot = structuredClone(rt.stored)
  emit(rt)
  rt.writes = rt.writes.then(() => writeJob(rt.client, rt.jobsTopic, snapshot))
  return rt.writes
}

export async function runJob(rt: RunningJob): Promise<void> {
  const { stored } = rt
  const job = stored.job
  const coords = expandRuns(stored.coordinates)
  const started = Date.now()
  const doneAtStart = stored.checkpoint.done
  const bucket = job.options.rateLimit ? new TokenBucket(job.options.rateLimit) : undefined
  const heartbeat = setInterval(() => void saveJob(rt).catch(() => undefined), 5_000)
  try {
    if (rt.recoverFirst) await recover(rt)
    const ctx: ChunkContext = {
      jobId: job.id,
      dlqTopic: job.dlqTopic,
      by: job.createdBy,
      at: new Date().toISOString(),
      options: job.options,
      maxReplays: rt.maxReplays,
      explicit: job.selection.kind === 'records',
      sourceByName: rt.sourceByName,
      resolutions:
        rt.resolutions && !rt.recoverFirst
          ? rt.resolutions
          : await readResolutionsOf(rt.client, rt.resolutionsTopic, job.dlqTopic),
      topics: new Map(),
    }
    const roundRobin = new Map<string, number>()
    let failures = 0
    // The next chunk is read and prepared while the current one is sent.
    const chunkSize = bucket
      ? Math.max(1, Math.min(CHUNK_RECORDS, Math.floor((job.options.rateLimit ?? 1) / 4)))
      : CHUNK_RECORDS
    // A small first chunk: nothing is sent until it is read and prepared (later chunks are prepared during sends).
    let size = Math.min(chunkSize, FIRST_CHUNK_RECORDS)
    const prepareAt = (cursor: number) => {
      if (cursor >= coords.length) return null
      const p = prepareChunk(rt.client, coords.slice(cursor, cursor + size), ctx)
      size = chunkSize
      p.catch(() => undefined) // awaited later; not an unhandled rejection meanwhile
      return p
    }
    // Pipeline: chunk k+1 is prepared while chunk k is sent, and sent while chunk k's resolutions and checkpoint are
    // written. Bookkeeping stays in order: chunk k's checkpoint is written before chunk k+1's acks are counted.
    let sendCursor = stored.checkpoint.cursor
    let bookkeeping: Promise<void> = Promise.resolve()
    let next = prepareAt(sendCursor)
    while (next) {
      if (rt.cancel) break
      const { items, release } = await next
      const cursor = sendCursor
      const sends = items.filter((i): i is PreparedRecord => i.kind === 'send')
      for (const s of sends) {
        if (s.partition !== null) continue
        const n = ctx.topics.get(s.topic) ?? 1
        const k = roundRobin.get(s.topic) ?? 0
        s.partition = k % n
        roundRobin.set(s.topic, k + 1)
      }
      if (bucket && sends.length > 0) {
        const wait = bucket.take(sends.length)
        if (wait > 0) await new Promise((r) => setTimeout(r, wait))
      }
      next = prepareAt(cursor + items.length)
      let acked: bigint[]
      try {
        await ensureTargets(rt, sends, ctx.topics)
        acked = await sendChunk(rt.client, sends)
      } catch (err) {
        if (++failures > MAX_SEND_FAILURES) throw err
        console.warn(`ferry: replay ${job.id} send failed, recovering`, (err as Error).message)
        await bookkeeping
        await reconnect(rt)
        const found = await recover(rt)
        for (const [id, resolution] of found) ctx.resolutions.set(id, resolution)
        // The prefetched chunk was prepared before the recovery: prepare again from the failed one.
        sendCursor = cursor
        next = prepareAt(cursor)
        continue
      }
      // Every record of the chunk is encoded and acknowledged: its fetched bytes may be reused.
      release()
      failures = 0
      sendCursor = cursor + items.length
      await bookkeeping
      bookkeeping = (async () => {
        await completeChunk(rt, items, acked)
        stored.checkpoint.cursor = cursor + items.length
        updateRate(rt, started, doneAtStart)
        // The checkpoint, after the chunk's resolutions; progress rides along.
        await saveJob(rt)
      })()
      bookkeeping.catch(() => undefined) // awaited before the next chunk's bookkeeping
    }
    await bookkeeping
    job.state = rt.cancel ? 'cancelled' : 'completed'
    job.etaMs = undefined
    await saveJob(rt)
  } catch (err) {
    job.state = 'failed'
    job.error = (err as Error).message ?? String(err)
    await saveJob(rt).catch(() => undefined)
  } finally {
    clearInterval(heartbeat)
    await rt.writes.catch(() => undefined)
    await rt.client.close()
  }
}

/**
 * Lists, in the checkpoint, every partition of a target topic met for the first time, at its current end, and
 * writes the checkpoint before anything is sent there: a recovery then scans that partition from that offset.
 */
async function ensureTargets(
  rt: RunningJob,
  sends: PreparedRecord[],
  known: Map<string, number | null>,
): Promise<void> {
  const cp = rt.stored.checkpoint
  const fresh = [...new Set(sends.map((s) => s.topic))].filter((t) => !cp.targets.some((x) => x.topic === t))
  if (fresh.length === 0) return
  for (const topic of fresh) {
    // The count the chunk was prepared with (looked up moments ago), else asked now.
    const count = known.get(topic) ?? (await rt.client.partitionsOf(topic)) ?? 0
    const partitions = Array.from({ length: count }, (_, p) => p)
    const marks = await rt.client.watermarks(topic, partitions)
    for (const p of partitions) {
      const end = (marks.get(p)?.high ?? 0n).toString()
      cp.targets.push({ topic, partition: p, next: end, lastOffset: '-1', count: 0 })
    }
  }
  await saveJob(rt)
}

/** Sends the chunk in order (requests ≤ 900 KB per partition, pipelined); the offset each record got, by index. */
function sendChunk(client: ReplayClient, sends: PreparedRecord[]): Promise<bigint[]> {
  return client.sendBatched(sends as OutgoingRecord[], SENDS_IN_FLIGHT)
}

/** After the acks: the chunk's resolutions, then (by the caller) the checkpoint. */
/** `acked`: the offsets of the chunk's sends, in their order among `items`. */
async function completeChunk(rt: RunningJob, items: ChunkItem[], acked: bigint[]): Promise<void> {
  const { stored } = rt
  const job = stored.job
  const runs = new ResolutionRunBuilder(job.dlqTopic, {
    clusterId: job.clusterId,
    status: 'replayed',
    at: new Date().toISOString(),
    by: job.createdBy,
    jobId: job.id,
  })
  // Per target partition: its checkpoint entry and, as bigints, its last copy and (after the loop) the offset after it.
  const seen = new Map<string, { cp: TargetCheckpoint; last: bigint; next: bigint }[]>()
  const targetFor = (topic: string, partition: number) => {
    let byPartition = seen.get(topic)
    if (!byPartition) {
      byPartition = []
      seen.set(topic, byPartition)
    }
    let t = byPartition[partition]
    if (!t) {
      const cp = targetOf(stored.checkpoint, topic, partition)
      t = { cp, last: BigInt(cp.lastOffset), next: BigInt(cp.next) }
      byPartition[partition] = t
    }
    return t
  }
  let sent = 0
  for (const item of items) {
    if (item.kind === 'refused') {
      stored.checkpoint.refused++
      if (stored.refusals.length < 20) stored.refusals.push({ ...item.from, reason: item.reason })
      continue
    }
    if (item.kind !== 'send') continue
    const offset = acked[sent++]
    if (offset === undefined) throw new Error(`no acknowledgement for ${item.topic}/${item.partition}`)
    const target = targetFor(item.topic, item.partition!)
    target.cp.count++
    if (offset > target.last) target.last = offset
    // The selection has no duplicates and a chunk is prepared again only when its send failed, so the job's own
    // view (ctx.resolutions) needs no update here: a recovery updates it from what it finds.
    runs.add(item.from.partition, item.from.offset, item.replayCount, {
      topic: item.topic,
      partition: item.partition!,
      offset,
    })
    stored.checkpoint.done++
  }
  for (const byPartition of seen.values()) {
    for (const t of byPartition) {
      if (!t || t.last < 0n) continue
      t.cp.lastOffset = t.last.toString()
      if (t.last + 1n > t.next) t.next = t.last + 1n
    }
  }
  await writeResolutionRuns(rt.client, rt.resolutionsTopic, runs.finish())
  // Only now may the checkpoint move past these offsets.
  for (const byPartition of seen.values()) for (const t of byPartition) if (t) t.cp.next = t.next.toString()
  syncPublic(rt)
}

function targetOf(cp: Checkpoint, topic: string, partition: number): TargetCheckpoint {
  let t = cp.targets.find((x) => x.topic === topic && x.partition === partition)
  if (!t) {
    // Not expected: every target partition is listed (with its end offset) before the first send.
    t = { topic, partition, next: '0', lastOffset: '-1', count: 0 }
    cp.targets.push(t)
  }
  return t
}

/** Mirrors the checkpoint's counts into the public job. */
export function syncPublic(rt: RunningJob): void {
  const { job, checkpoint } = rt.stored
  job.done = checkpoint.done
  job.refused = checkpoint.refused
  job.targets = checkpoint.targets
    .filter((t) => t.count > 0)
    .map((t) => ({ topic: t.topic, partition: t.partition, lastOffset: t.lastOffset, count: t.count }))
}

function updateRate(rt: RunningJob, started: number, doneAtStart: number): void {
  const job = rt.stored.job
  const elapsed = Math.max(1, Date.now() - started)
  job.ratePerSec = Math.round(((rt.stored.checkpoint.done - doneAtStart) * 1000) / elapsed)
  const left = job.total - job.done - job.refused
  job.etaMs = job.ratePerSec > 0 ? Math.round((left * 1000) / job.ratePerSec) : undefined
}

async function reconnect(rt: RunningJob): Promise<void> {
  // A new producer: the old one's in-flight requests are abandoned with its connections.
  await rt.writes.catch(() => undefined)
  await rt.client.close()
  rt.client = new ReplayClient(rt.client.cluster.id)
  rt.writes = Promise.resolve()
  await new Promise((r) => setTimeout(r, SETTLE_MS))
}

/**
 * Finds this job's records written after the checkpoint (landed although their outcome was unknown), writes their
 * resolutions and moves the checkpoint's target offsets to the partitions' ends. Returns the resolutions written.
 */
export async function recover(rt: RunningJob): Promise<Map<string, Omit<ResolutionRecord, 'clusterId'>>> {
  const { stored } = rt
  const job = stored.job
  const found = new Map<string, Omit<ResolutionRecord, 'clusterId'>>()
  const writes: {
    coordinates: { dlqTopic: string; partition: number; offset: string }
    resolution: ResolutionRecord
  }[] = []
  const byTopic = new Map<string, TargetCheckpoint[]>()
  for (const t of stored.checkpoint.targets) byTopic.set(t.topic, [...(byTopic.get(t.topic) ?? []), t])
  const ends = new Map<TargetCheckpoint, bigint>()
  for (const [topic, targets] of byTopic) {
    const marks = await rt.client.watermarks(
      topic,
      targets.map((t) => t.partition),
    )
    for (const t of targets) ends.set(t, marks.get(t.partition)?.high ?? BigInt(t.next))
    await rt.client.read(
      topic,
      targets.map((t) => ({ partition: t.partition, from: BigInt(t.next), until: ends.get(t)! })),
      (partition, records, nextOffset) => {
        const target = targets.find((t) => t.partition === partition)!
        for (const { record, offset } of records) {
          const h = headerMap(record.headers)
          if (h.get(REPLAY_HEADERS.id) !== job.id || h.get(REPLAY_HEADERS.dlqTopic) !== job.dlqTopic) continue
          const from = {
            partition: Number(h.get(REPLAY_HEADERS.dlqPartition)),
            offset: h.get(REPLAY_HEADERS.dlqOffset) ?? '',
          }
          const id = coordinateId(from)
          if (found.has(id)) continue
          const resolution: ResolutionRecord = {
            clusterId: job.clusterId,
            status: 'replayed',
            at: h.get(REPLAY_HEADERS.at) ?? new Date().toISOString(),
            by: job.createdBy,
            jobId: job.id,
            target: { topic, partition, offset: offset.toString() },
            replayCount: Number(h.get(REPLAY_HEADERS.count) ?? 1),
          }
          const { clusterId: _, ...r } = resolution
          found.set(id, r)
          writes.push({ coordinates: { dlqTopic: job.dlqTopic, ...from }, resolution })
          target.count++
          if (offset > BigInt(target.lastOffset)) target.lastOffset = offset.toString()
          stored.checkpoint.done++
        }
        return nextOffset
      },
    )
  }
  await writeResolutions(rt.client, rt.resolutionsTopic, writes)
  for (const [t, end] of ends) if (end > BigInt(t.next)) t.next = end.toString()
  syncPublic(rt)
  await saveJob(rt)
  return found
}

function headerMap(headers: [Buffer | null, Buffer | null][]): Map<string, string> {
  const out = new Map<string, string>()
  for (const [k, v] of headers) if (k) out.set(k.toString('utf8'), v?.toString('utf8') ?? '')
  return out
}
