import 'server-only'
import { recordAudit } from '@/lib/audit/record-audit'
import type { JsonValue } from '@/lib/audit/types'
import { ApiError } from '@/lib/errors'
import { assertWritable, failureText, groupActionErrorOf } from '@/lib/groups/actions/guards'
import { platformaticAdminOf } from '@/lib/kafka/platformatic-admin'
import { planOffsetReset } from './plan-offset-reset'
import type { ResetOffsetsPreview, ResetOffsetsRequest, ResetOffsetsResult, ResetRow } from './types'

// The audit record keeps every partition's before/after so a reset can be undone by hand; bounded for huge resets.
const MAX_AUDITED_ROWS = 5_000

/**
 * Plans the reset again on the server (offsets sent by a browser are never trusted), refuses it while the group has
 * members (409) or on a read-only cluster (403), then commits the targets with one OffsetCommit as an admin
 * (generation -1, no member id: Kafka accepts that only while the group is Empty, so a consumer that joins in
 * between makes Kafka refuse the whole commit). Audited whether it succeeds or is refused.
 */
export async function executeOffsetReset(
  clusterId: string,
  groupId: string,
  request: ResetOffsetsRequest,
  actor: string,
): Promise<ResetOffsetsResult> {
  assertWritable(clusterId)
  const plan = await planOffsetReset(clusterId, groupId, request)
  const audit = (result: 'ok' | 'error', error?: string) =>
    recordAudit(clusterId, {
      actor,
      action: 'group.reset-offsets',
      target: { group: groupId },
      params: auditParams(request, plan),
      result,
      ...(error ? { error } : {}),
      summary: summaryOf(plan, result),
    })
  if (plan.blockedReason) {
    const status = await audit('error', plan.blockedReason)
    throw new ApiError('conflict', plan.blockedReason, {
      state: plan.group.state,
      members: plan.group.members,
      audit: status,
    })
  }
  if (plan.rows.length === 0) {
    const why = plan.skipped.map((s) => `${s.topic}-${s.partition}: ${s.reason}`).slice(0, 5)
    throw new ApiError('invalid_input', `Nothing to reset${why.length > 0 ? ` (${why.join('; ')})` : ''}`, {
      skipped: plan.skipped,
    })
  }
  try {
    await platformaticAdminOf(clusterId).alterConsumerGroupOffsets({ groupId, topics: commitTopicsOf(plan.rows) })
  } catch (err) {
    const e = groupActionErrorOf(err, clusterId, groupId)
    const status = await audit('error', failureText(e))
    throw new ApiError(e.code, e.message, { ...(e.details as object), audit: status })
  }
  return {
    clusterId,
    groupId,
    modeText: plan.modeText,
    applied: plan.rows,
    skipped: plan.skipped,
    totals: plan.totals,
    audit: await audit('ok'),
    executedAt: new Date().toISOString(),
  }
}

function commitTopicsOf(rows: ResetRow[]) {
  const topics = new Map<string, { partition: number; offset: bigint }[]>()
  for (const r of rows) {
    topics.set(r.topic, [...(topics.get(r.topic) ?? []), { partition: r.partition, offset: BigInt(r.targetOffset) }])
  }
  return [...topics].map(([name, partitionOffsets]) => ({ name, partitionOffsets }))
}

function auditParams(request: ResetOffsetsRequest, plan: ResetOffsetsPreview): JsonValue {
  const rows = plan.rows.slice(0, MAX_AUDITED_ROWS).map((r) => ({
    topic: r.topic,
    partition: r.partition,
    before: r.currentOffset,
    after: r.targetOffset,
    clamped: r.clamped,
  }))
  return {
    scope: request.scope as JsonValue,
    mode: request.mode as JsonValue,
    groupState: { type: plan.group.type, state: plan.group.state, members: plan.group.members },
    partitions: rows,
    ...(plan.rows.length > rows.length ? { partitionsTruncated: plan.rows.length } : {}),
    skipped: plan.skipped.slice(0, MAX_AUDITED_ROWS) as unknown as JsonValue,
    totals: plan.totals,
  }
}

function summaryOf(plan: ResetOffsetsPreview, result: 'ok' | 'error'): string {
  const topics = [...new Set(plan.rows.map((r) => r.topic))]
  const where = `${plan.rows.length} partition${plan.rows.length === 1 ? '' : 's'} of ${
    topics.length === 1 ? `topic "${topics[0]}"` : `${topics.length} topics`
  }`
  return result === 'ok'
    ? `Reset offsets of group "${plan.groupId}" on ${where} ${plan.modeText}; lag ${plan.totals.lagBefore} → ${plan.totals.lagAfter}`
    : `Refused to reset offsets of group "${plan.groupId}" on ${where} ${plan.modeText}`
}
