import 'server-only'
import { randomUUID } from 'node:crypto'
import { recordAudit } from '@/lib/audit/record-audit'
import type { AuditStatus, JsonValue } from '@/lib/audit/types'
import { assertPermission, currentlyCan } from '@/lib/auth'
import { getClusterConfig } from '@/lib/config'
import { ApiError } from '@/lib/errors'
import { acquireReplaySlot, type Release } from '@/lib/limits/scan-limits'
import type { DeadLetterResolution, ReplayJob, ReplayPlan, ReplayRequest, StateTopicHealth } from '../api-types'
import { dlqTopicMatchOf } from '../detect-dlq-topic'
import { resolutionsTopicOf } from '../resolutions/write-resolutions'
import { jobsTopicOf, readJobs, writeJob } from './job-store'
import { runsOf, type StoredJob } from './job-types'
import { planReplay, type TargetRefusal } from './plan-replay'
import { readResolutionsOf } from './read-resolutions-of'
import { ReplayClient } from './replay-client'
import { resolveSelection } from './resolve-selection'
import { type RunningJob, runJob, saveJob } from './run-job'

// Jobs running in this process, and this process' identity as a job owner. On globalThis: `next dev` reloads keep
// the running jobs.
const g = globalThis as { __ferryReplay?: { instanceId: string; running: Map<string, RunningJob> } }
g.__ferryReplay ??= { instanceId: randomUUID(), running: new Map() }
const local = g.__ferryReplay

const FINAL = new Set<ReplayJob['state']>(['cancelled', 'completed', 'failed'])

export function isFinal(state: ReplayJob['state']): boolean {
  return FINAL.has(state)
}

function writable(clusterId: string) {
  const cluster = getClusterConfig(clusterId)
  if (cluster.readOnly) throw new ApiError('forbidden', `Cluster "${clusterId}" is read-only`)
  return cluster
}

/** Both state topics, or an ApiError saying why replay cannot guarantee exactly-once without them. */
async function stateTopics(clusterId: string): Promise<{ jobs: string; resolutions: string }> {
  const [jobs, resolutions] = await Promise.all([jobsTopicOf(clusterId), resolutionsTopicOf(clusterId)])
  for (const t of [jobs, resolutions]) {
    if (!t.ok) {
      throw new ApiError(
        'forbidden',
        `Replay needs Ferry's state topic "${t.topic}" to guarantee each dead letter is replayed once, and it cannot be used: ${t.reason}`,
      )
    }
  }
  return { jobs: jobs.topic, resolutions: resolutions.topic }
}

function sourceByNameOf(clusterId: string, dlqTopic: string): string | undefined {
  const { dlq } = getClusterConfig(clusterId)
  return dlqTopicMatchOf(dlqTopic, dlq)?.sourceTopic
}

/** POST /replay: the plan of a dry run, or a started job. */
export async function replay(
  clusterId: string,
  request: ReplayRequest,
  by: string,
): Promise<ReplayPlan | { job: ReplayJob; audit: AuditStatus }> {
  const cluster = request.dryRun ? getClusterConfig(clusterId) : writable(clusterId)
  const options = request.options ?? {}
  if (
    options.editedValue !== undefined &&
    !(request.selection.kind === 'records' && request.selection.records.length === 1)
  ) {
    throw new ApiError('invalid_input', 'An edited value can only be replayed for a single selected record')
  }
  const topics = await stateTopics(clusterId)
  const client = new ReplayClient(clusterId)
  let slot: Release | undefined
  try {
    if ((await client.partitionsOf(request.dlqTopic)) === undefined) {
      throw new ApiError('not_found', `Topic "${request.dlqTopic}" not found`)
    }
    const coords = await resolveSelection(clusterId, request.dlqTopic, request.selection)
    const jobId = randomUUID()
    const base = {
      jobId,
      dlqTopic: request.dlqTopic,
      by,
      at: new Date().toISOString(),
      options,
      maxReplays: cluster.dlq.maxReplays,
      explicit: request.selection.kind === 'records',
      sourceByName: sourceByNameOf(clusterId, request.dlqTopic),
      resolutions: await readResolutionsOf(client, topics.resolutions, request.dlqTopic),
      topics: new Map<string, number | null>(),
    }
    // The route checked dlq.replay on the DLQ topic; the copies are written to the targets, checked here.
    const targets = new Set<string>()
    const refusals = targetRefusals(clusterId)
    const refuseTarget: TargetRefusal = (topic) => {
      targets.add(topic)
      return refusals(topic)
    }
    let plan: ReplayPlan | undefined
    if (options.editedValue !== undefined) {
      // An edit that breaks a JSON payload is refused outright, not as a silent "refused: 1".
      plan = await planReplay(client, coords, base, refuseTarget)
      const bad = plan.refused.sample.find((r) => /edited value/.test(r.reason))
      if (bad) throw new ApiError('invalid_input', bad.reason)
    }
    if (request.dryRun) return plan ?? (await planReplay(client, coords, base, refuseTarget))
    if (!currentlyCan('dlq.replay', { clusterId })) {
      // Scoped grants: every target of the selection must be allowed (each record's source topic unless one is
      // chosen), found by the dry run's own preparation. A whole-cluster grant (or no sign-in) needs no pass.
      if (options.targetTopic !== undefined) targets.add(options.targetTopic)
      else plan ??= await planReplay(client, coords, base, refuseTarget)
      for (const topic of targets) assertPermission('dlq.replay', { clusterId, topic })
    }
    // Bounded per cluster (FERRY_LIMIT_REPLAYS_PER_CLUSTER): refused with 429 before anything is written.
    slot = await acquireReplaySlot(clusterId)
    const now = new Date().toISOString()
    const job: ReplayJob = {
      id: jobId,
      clusterId,
      dlqTopic: request.dlqTopic,
      createdAt: now,
      createdBy: by,
      updatedAt: now,
      state: 'running',
      selection: storedSelection(request.selection),
      options,
      total: coords.length,
      done: 0,
      refused: 0,
      ratePerSec: 0,
      targets: [],
    }
    const stored: StoredJob = {
      job,
      owner: local.instanceId,
      heartbeatAt: Date.now(),
      coordinates: runsOf(coords),
      checkpoint: { cursor: 0, targets: [], done: 0, refused: 0 },
      refusals: [],
    }
    await writeJob(client, topics.jobs, stored)
    const audit = recordAudit(clusterId, {
      actor: by,
      action: 'dlq.replay',
      target: { topic: request.dlqTopic },
      params: jsonOf({ jobId, selection: selectionSummary(request), options, total: coords.length }),
      result: 'ok',
      summary: `Started replay job ${jobId} of ${coords.length} dead letters from "${request.dlqTopic}"`,
    })
    // The job starts while its start is audited (its end is audited after that), with the resolutions just read.
    const public_ = structuredClone(job)
    start(clusterId, stored, client, topics, false, false, slot, { audited: audit, resolutions: base.resolutions })
    return { job: public_, audit: await audit }
  } catch (err) {
    slot?.()
    await client.close()
    throw err
  }
}

/** Per target topic: why the current user may not replay to it, or null (memoised: a selection has few targets). */
function targetRefusals(clusterId: string): TargetRefusal {
  const memo = new Map<string, string | null>()
  return (topic) => {
    let reason = memo.get(topic)
    if (reason === undefined) {
      reason = null
      try {
        assertPermission('dlq.replay', { clusterId, topic })
      } catch (err) {
        // No session (401) is not a per-record refusal: it fails the whole request.
        if (!(err instanceof ApiError && err.code === 'forbidden')) throw err
        reason = `you may not replay to topic "${topic}"`
      }
      memo.set(topic, reason)
    }
    return reason
  }
}

/** Records kept in the job's selection: the coordinate runs are the full list (the jobs topic takes < 1 MB). */
const STORED_SELECTION_RECORDS = 100

function storedSelection(selection: ReplayRequest['selection']): ReplayRequest['selection'] {
  if (selection.kind !== 'records' || selection.records.length <= STORED_SELECTION_RECORDS) return selection
  return { kind: 'records', records: selection.records.slice(0, STORED_SELECTION_RECORDS) }
}

/** Plain data as an audit param (undefined fields dropped). */
export function jsonOf(value: unknown): JsonValue {
  return JSON.parse(JSON.stringify(value)) as JsonValue
}

function selectionSummary(request: { selection: ReplayRequest['selection'] }) {
  const s = request.selection
  return s.kind === 'records'
    ? { kind: 'records', count: s.records.length, first: s.records.slice(0, 20) }
    : { kind: 'filter', query: { ...s.query } }
}

function start(
  clusterId: string,
  stored: StoredJob,
  client: ReplayClient,
  topics: { jobs: string; resolutions: string },
  recoverFirst: boolean,
  cancel = false,
  /** The cluster's replay slot this job holds until it ends. */
  slot?: Release,
  /** A new job: its start's audit (the end is audited after it) and the resolutions its plan read. */
  fresh?: { audited: Promise<unknown>; resolutions: Map<string, DeadLetterResolution> },
): RunningJob {
  const rt: RunningJob = {
    stored,
    client,
    jobsTopic: topics.jobs,
    resolutionsTopic: topics.resolutions,
    maxReplays: getClusterConfig(clusterId).dlq.maxReplays,
    sourceByName: sourceByNameOf(clusterId, stored.job.dlqTopic),
    recoverFirst,
    cancel,
    listeners: new Set(),
    writes: Promise.resolve(),
    done: Promise.resolve(),
    resolutions: fresh?.resolutions,
  }
  local.running.set(stored.job.id, rt)
  rt.done = runJob(rt).finally(async () => {
    slot?.()
    local.running.delete(stored.job.id)
    const job = rt.stored.job
    for (const l of rt.listeners) l(job)
    await fresh?.audited
    await recordAudit(clusterId, {
      actor: job.createdBy,
      action: 'dlq.replay',
      target: { topic: job.dlqTopic },
      params: { jobId: job.id, state: job.state, done: job.done, refused: job.refused, total: job.total },
      result: job.state === 'failed' ? 'error' : 'ok',
      error: job.error,
      summary: `Replay job ${job.id} ${job.state}: ${job.done} of ${job.total} replayed, ${job.refused} refused`,
    })
  })
  return rt
}

/** A job whose runner stopped reporting: shown as interrupted until some console resumes it. */
function publicOf(stored: StoredJob, leaseMs: number): ReplayJob {
  const running = local.running.get(stored.job.id)
  if (running) return structuredClone(running.stored.job)
  const job = structuredClone(stored.job)
  if (!isFinal(job.state) && Date.now() - stored.heartbeatAt > leaseMs) job.state = 'interrupted'
  return job
}

/** GET /replay-jobs: every job, newest first; interrupted ones this console may take are resumed. */
export async function listReplayJobs(clusterId: string): Promise<{ jobs: ReplayJob[]; state: StateTopicHealth }> {
  const cluster = getClusterConfig(clusterId)
  const topic = await jobsTopicOf(clusterId)
  if (!topic.ok) return { jobs: [], state: { ok: false, topic: topic.topic, reason: topic.reason } }
  const stored = await readAll(clusterId, topic.topic)
  if (!cluster.readOnly) await resumeInterrupted(clusterId, stored)
  const jobs = [...stored.values()]
    .map((s) => publicOf(s, cluster.dlq.replayLeaseMs))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  return { jobs, state: { ok: true, topic: topic.topic } }
}

async function readAll(clusterId: string, topic: string): Promise<Map<string, StoredJob>> {
  const client = new ReplayClient(clusterId, 'ferry-replay-jobs')
  try {
    return await readJobs(client, topic)
  } finally {
    await client.close()
  }
}

/** GET /replay-jobs/[jobId] */
export async function getReplayJob(clusterId: string, jobId: string): Promise<ReplayJob> {
  const running = local.running.get(jobId)
  if (running) return structuredClone(running.stored.job)
  const cluster = getClusterConfig(clusterId)
  const topic = await jobsTopicOf(clusterId)
  if (!topic.ok) throw new ApiError('not_found', `Replay job "${jobId}" not found (${topic.reason})`)
  const stored = (await readAll(clusterId, topic.topic)).get(jobId)
  if (!stored || stored.job.clusterId !== clusterId) throw new ApiError('not_found', `Replay job "${jobId}" not found`)
  return publicOf(stored, cluster.dlq.replayLeaseMs)
}

export function isRunningHere(jobId: string): boolean {
  return local.running.has(jobId)
}

/** Calls `listener` on every update of a job running here; the returned function unsubscribes. Null: not here. */
export function watchReplayJob(jobId: string, listener: (job: ReplayJob) => void): (() => void) | null {
  const running = local.running.get(jobId)
  if (!running) return null
  running.listeners.add(listener)
  return () => running.listeners.delete(listener)
}

/**
 * Takes over every job whose runner's heartbeat is older than the lease (its requests have landed or failed by
 * then): claims it in the jobs topic, checks the claim won, then recovers and continues it here.
 */
export async function resumeInterrupted(clusterId: string, stored?: Map<string, StoredJob>): Promise<string[]> {
  const cluster = writable(clusterId)
  const topic = await jobsTopicOf(clusterId)
  if (!topic.ok) return []
  const all = stored ?? (await readAll(clusterId, topic.topic))
  const taken: string[] = []
  for (const s of all.values()) {
    if (s.job.clusterId !== clusterId || isFinal(s.job.state) || local.running.has(s.job.id)) continue
    if (Date.now() - s.heartbeatAt <= cluster.dlq.replayLeaseMs) continue
    if (await takeOver(clusterId, s, s.job.state === 'cancelling')) taken.push(s.job.id)
  }
  return taken
}

async function takeOver(clusterId: string, s: StoredJob, cancel: boolean): Promise<boolean> {
  // No free replay slot: leave the job interrupted; a later list (or start) resumes it.
  const slot = await acquireReplaySlot(clusterId).catch(() => null)
  if (!slot) return false
  const topics = await stateTopics(clusterId)
  const client = new ReplayClient(clusterId)
  try {
    const claim: StoredJob = { ...s, owner: local.instanceId, heartbeatAt: Date.now() }
    claim.job = { ...s.job, state: cancel ? 'cancelling' : 'running', updatedAt: new Date().toISOString() }
    await writeJob(client, topics.jobs, claim)
    // Two consoles may claim at once: the one log of the jobs topic decides, the later claim wins.
    const latest = (await readJobs(client, topics.jobs)).get(s.job.id)
    if (latest?.owner !== local.instanceId || local.running.has(s.job.id)) {
      slot()
      await client.close()
      return false
    }
    start(clusterId, latest, client, topics, true, cancel, slot)
    return true
  } catch (err) {
    slot()
    await client.close()
    throw err
  }
}

/** POST /replay-jobs/[jobId]/cancel: stops after the current chunk is acknowledged and checkpointed. */
export async function cancelReplayJob(
  clusterId: string,
  jobId: string,
  by: string,
): Promise<{ job: ReplayJob; audit: AuditStatus }> {
  const cluster = writable(clusterId)
  let rt = local.running.get(jobId)
  if (!rt) {
    const topic = await jobsTopicOf(clusterId)
    const stored = topic.ok ? (await readAll(clusterId, topic.topic)).get(jobId) : undefined
    if (!stored || stored.job.clusterId !== clusterId)
      throw new ApiError('not_found', `Replay job "${jobId}" not found`)
    if (isFinal(stored.job.state))
      throw new ApiError('conflict', `Replay job "${jobId}" is already ${stored.job.state}`)
    if (Date.now() - stored.heartbeatAt <= cluster.dlq.replayLeaseMs) {
      throw new ApiError('conflict', `Replay job "${jobId}" runs on another console instance: cancel it there`)
    }
    // Interrupted: take it over to recover what its runner may have sent, then stop.
    if (!(await takeOver(clusterId, stored, true))) throw new ApiError('conflict', 'Another console took the job over')
    rt = local.running.get(jobId)
  }
  if (rt && !rt.cancel) {
    rt.cancel = true
    rt.stored.job.state = 'cancelling'
    await saveJob(rt)
  }
  const job = rt ? structuredClone(rt.stored.job) : await getReplayJob(clusterId, jobId)
  const audit = await recordAudit(clusterId, {
    actor: by,
    action: 'dlq.replay-cancel',
    target: { topic: job.dlqTopic },
    params: { jobId, done: job.done, total: job.total },
    result: 'ok',
    summary: `Cancelled replay job ${jobId} after ${job.done} of ${job.total}`,
  })
  return { job, audit }
}

/** Waits for a job running here to end (tests, the benchmark). */
export async function replayJobSettled(jobId: string): Promise<void> {
  await local.running.get(jobId)?.done
}
