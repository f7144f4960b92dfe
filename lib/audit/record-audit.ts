import 'server-only'
import { randomUUID } from 'node:crypto'
import { currentPrincipal } from '@/lib/auth/request-context'
import { sendRecords } from '@/lib/kafka/client'
import { ensureStateTopic, type StateTopic } from '@/lib/state/state-topics'
import type { AuditEntry, AuditStatus } from './types'

/** Who acts when sign-in is off (callers pass it; the signed-in principal, when there is one, wins). */
export const ANONYMOUS_ACTOR = 'anonymous'
/** The audit topic keeps 90 days. */
export const AUDIT_RETENTION_MS = 90 * 24 * 3_600_000

/** What a caller says about an action; id, time and cluster are added here. */
export type AuditInput = Omit<AuditEntry, 'id' | 'at' | 'clusterId'>

// Below Kafka's default max.message.bytes (1 MB) with room for the envelope; bigger params are replaced by a note.
const MAX_RECORD_BYTES = 900_000
// A freshly created audit topic has no leader for a moment: the first write retries for a few seconds.
const SEND_ATTEMPTS = 8
const SEND_RETRY_MS = 250
const RETRIABLE = /LEADER_NOT_AVAILABLE|NOT_LEADER|UNKNOWN_TOPIC_OR_PARTITION|NOT_ENOUGH_REPLICAS|metadata/i

/** The cluster's audit topic, created on first use with 90 days of retention. */
export function auditTopicOf(clusterId: string): Promise<StateTopic> {
  return ensureStateTopic(clusterId, 'audit', { cleanupPolicy: 'delete', retentionMs: AUDIT_RETENTION_MS })
}

/** The record key: the resource acted on, so one resource's history stays in one partition, in order. */
export function auditKeyOf(target: AuditEntry['target']): string {
  return JSON.stringify({ group: target.group, topic: target.topic })
}

/**
 * Appends one entry to the cluster's audit topic. Never throws: the action it records has already happened (or
 * been refused), so a failed write is reported as `{ recorded: false, reason }` for the caller to show.
 */
export async function recordAudit(clusterId: string, input: AuditInput): Promise<AuditStatus> {
  // The actor is whoever route() established for this request; callers' `actor` only counts without a session.
  const actor = currentPrincipal()?.name ?? input.actor
  const entry: AuditEntry = { id: randomUUID(), at: new Date().toISOString(), clusterId, ...input, actor }
  try {
    const topic = await auditTopicOf(clusterId)
    if (!topic.ok) return { recorded: false, reason: topic.reason }
    const message = { key: auditKeyOf(entry.target), value: serialize(entry) }
    for (let attempt = 1; ; attempt++) {
      try {
        await sendRecords(clusterId, { topic: topic.topic, acks: -1, messages: [message] })
        return { recorded: true }
      } catch (err) {
        if (attempt >= SEND_ATTEMPTS || !RETRIABLE.test(errorText(err))) throw err
        await new Promise((r) => setTimeout(r, SEND_RETRY_MS))
      }
    }
  } catch (err) {
    console.error('ferry: audit record not written', entry.action, entry.target, err)
    return { recorded: false, reason: `the audit record could not be written: ${errorText(err)}` }
  }
}

function serialize(entry: AuditEntry): string {
  const text = JSON.stringify(entry)
  if (Buffer.byteLength(text) <= MAX_RECORD_BYTES) return text
  return JSON.stringify({ ...entry, params: { truncated: true, note: 'params too large for one audit record' } })
}

function errorText(err: unknown): string {
  const e = err as { type?: string; message?: string; cause?: { type?: string; message?: string } } | null
  return [e?.type, e?.message, e?.cause?.type, e?.cause?.message].filter(Boolean).join(': ') || String(err)
}
