// The dead-letter API as the browser sees it. No runtime imports: components import these as types.
// Routes (all under /api/clusters/[clusterId]/dlq):
//   GET    /                                  → DlqDashboard
//   GET    /messages?{DeadLetterQuery}        → DeadLetterPage
//   GET    /messages/[topic]/[partition]/[offset] → DeadLetterDetail
//   POST   /replay        body ReplayRequest   → ReplayPlan when dryRun, else { job: ReplayJob, audit }
//   GET    /replay-jobs                        → { jobs: ReplayJob[], state: StateTopicHealth }
//   GET    /replay-jobs/[jobId]                → ReplayJob
//   GET    /replay-jobs/[jobId]/events         → SSE: `event: job` data ReplayJob, until a final state
//   POST   /replay-jobs/[jobId]/cancel         → { job: ReplayJob, audit }
//   POST   /discard       body DiscardRequest  → DiscardResult

import type { AuditStatus } from '@/lib/audit/types'
import type { DeadLetterMetadata } from './parse-error-metadata'

export type DlqStatus = 'pending' | 'replayed' | 'discarded'

export type DlqAlertLevel = 'ok' | 'warning' | 'critical'
export type DlqAlert = { level: DlqAlertLevel; reasons: string[] }

/** Whether one of Ferry's state topics can be used (if not, why: the feature degrades and says so). */
export type StateTopicHealth = { ok: boolean; topic: string; reason?: string }

export type DlqTopicSummary = {
  topic: string
  /** How the topic was recognised (naming convention, configuration or headers). */
  convention: string
  /** Source topics its records came from (headers first, else the name). */
  sourceTopics: string[]
  partitions: number
  total: number
  pending: number
  replayed: number
  discarded: number
  /** ISO time of the oldest pending dead letter. */
  oldestPendingAt?: string
  lastArrivalAt?: string
  inflowLastHour: number
  outflowLastHour: number
  alert: DlqAlert
}

export type DlqErrorGroup = {
  /** Same bug, same fingerprint (normalised stack trace / message). */
  fingerprint: string
  type?: string
  /** A normalised sample message. */
  message?: string
  total: number
  pending: number
  topics: string[]
  lastSeenAt?: string
}

export type DlqHourBucket = {
  /** ISO start of the hour. */
  hour: string
  inflow: number
  /** Replayed + discarded in that hour. */
  outflow: number
  /** Pending at the end of the hour. */
  pending: number
}

export type DlqDashboard = {
  clusterId: string
  generatedAt: string
  /** The index reads DLQ topics incrementally; until it has caught up the figures are partial. */
  indexing: { complete: boolean; indexed: number; total: number }
  totals: { total: number; pending: number; replayed: number; discarded: number; oldestPendingAt?: string }
  topics: DlqTopicSummary[]
  bySource: { sourceTopic: string; total: number; pending: number }[]
  byError: DlqErrorGroup[]
  /** The last 7 days, hour by hour (the 24 h view is the last 24). */
  hourly: DlqHourBucket[]
  alert: DlqAlert
  state: { resolutions: StateTopicHealth; jobs: StateTopicHealth }
}

export type DeadLetterResolution = {
  status: 'replayed' | 'discarded'
  /** ISO time. */
  at: string
  by: string
  jobId?: string
  reason?: string
  /** Where the replayed copy went. */
  target?: { topic: string; partition: number; offset: string }
  /** How many times this dead letter has been replayed. */
  replayCount: number
}

export type DeadLetterRow = {
  dlqTopic: string
  partition: number
  offset: string
  /** ISO time the dead letter was written (its record timestamp). */
  timestamp: string
  /** Short text preview of the key, when there is one. */
  key?: string
  status: DlqStatus
  resolution?: DeadLetterResolution
  style: DeadLetterMetadata['style']
  source: { topic?: string; partition?: number; offset?: string }
  error: { type?: string; message?: string; fingerprint: string }
  attempts?: number
  /** Times it was replayed already (resolutions and the record's own ferry-replay-count header). */
  replayCount: number
}

/** Explorer filters. Every field is optional; `cel` is evaluated on the server in a sandbox. */
export type DeadLetterQuery = {
  /** Restrict to one DLQ topic. */
  topic?: string
  sourceTopic?: string
  errorType?: string
  fingerprint?: string
  status?: DlqStatus
  /** ISO times or epoch ms, on the dead letter's timestamp. */
  from?: string
  to?: string
  /** Free text in the error message or type. */
  text?: string
  /** CEL over the decoded message (as in the message explorer) plus `dlq` (the parsed metadata). */
  cel?: string
}

export type DeadLetterPage = {
  rows: DeadLetterRow[]
  /** How many match in all (for "select all matching"). */
  totalMatching: number
  nextCursor?: string
  indexing: DlqDashboard['indexing']
}

export type DeadLetterDetail = {
  row: DeadLetterRow
  /** The dead letter as the message explorer decodes it (key, value, headers). */
  message: unknown
  metadata: DeadLetterMetadata
  /** The original event: the envelope's originalEvent, or the value itself. */
  originalValue?: unknown
  /** The original record, when it is still in the source topic. */
  sourceLink?: { topic: string; partition: number; offset: string; exists: boolean }
}

export type ReplaySelection =
  | { kind: 'records'; records: { partition: number; offset: string }[] }
  | { kind: 'filter'; query: DeadLetterQuery }

export type ReplayOptions = {
  /** Default: each record's source topic. */
  targetTopic?: string
  /** Default true. */
  keepKey?: boolean
  /** Keep the other headers but drop the dead-letter error headers (default true). */
  stripErrorHeaders?: boolean
  /** 'original' (default when known) keeps the source partition; 'key' lets the partitioner choose. */
  partitioning?: 'original' | 'key'
  /** Messages per second; absent: as fast as the cluster takes them. */
  rateLimit?: number
  /** Only with a single selected record: the value to send instead (must be valid JSON when the original was). */
  editedValue?: string
}

export type ReplayRequest = {
  dlqTopic: string
  selection: ReplaySelection
  options?: ReplayOptions
  dryRun?: boolean
}

export type ReplayRefusal = { partition: number; offset: string; reason: string }

export type ReplayPlan = {
  dryRun: true
  total: number
  toSend: number
  refused: { count: number; sample: ReplayRefusal[] }
  byTarget: { topic: string; partition: number | null; count: number }[]
  sample: {
    from: { partition: number; offset: string }
    to: { topic: string; partition: number | null }
    key?: string
    value?: string
    headers: { key: string; value: string }[]
  }[]
}

export type ReplayJobState = 'running' | 'cancelling' | 'cancelled' | 'completed' | 'failed' | 'interrupted'

export type ReplayJob = {
  id: string
  clusterId: string
  dlqTopic: string
  createdAt: string
  createdBy: string
  updatedAt: string
  state: ReplayJobState
  selection: ReplaySelection
  options: ReplayOptions
  total: number
  done: number
  refused: number
  ratePerSec: number
  etaMs?: number
  error?: string
  /** Replayed copies per target partition: the highest offset written (for "consumed downstream?"). */
  targets: { topic: string; partition: number; lastOffset: string; count: number }[]
}

export type DiscardRequest = { dlqTopic: string; selection: ReplaySelection; reason: string }
export type DiscardResult = { discarded: number; skipped: number; audit: AuditStatus }
