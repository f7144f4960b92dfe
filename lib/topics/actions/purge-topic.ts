import 'server-only'
import { recordAudit } from '@/lib/audit/record-audit'
import { ApiError } from '@/lib/errors'
import { fetchWatermarks } from '@/lib/kafka/fetch-watermarks'
import { platformaticAdminOf } from '@/lib/kafka/platformatic-admin'
import { assertWritable, failureText, protectedTopicReason, topicActionErrorOf, topicLayoutOf } from './guards'
import { planPurgeRows, totalDeleted } from './plan-purge-rows'
import type { PurgePlan, PurgeTopicRequest, PurgeTopicResult } from './types'

/** Per partition: low and high watermark now, the new start offset and how many records would go. Changes nothing. */
export async function planPurge(clusterId: string, topic: string, request: PurgeTopicRequest): Promise<PurgePlan> {
  assertWritable(clusterId)
  const layout = await topicLayoutOf(clusterId, topic)
  const marks = (await fetchWatermarks(clusterId, [{ topic, partitions: layout.partitions }])).get(topic) ?? []
  let rows: PurgePlan['rows']
  try {
    rows = planPurgeRows(marks, request)
  } catch (err) {
    throw new ApiError('invalid_input', `${(err as Error).message} (topic "${topic}" has ${layout.partitions.length})`)
  }
  return { topic, rows, totalDeleted: totalDeleted(rows), refusedReason: protectedTopicReason(topic, 'purging') }
}

/**
 * Deletes records from the start of partitions (DeleteRecords through @platformatic/kafka: kafkajs'
 * deleteTopicRecords fails on KRaft, see test/kafkajs-gaps.int.test.ts). Planned again here; partitions with nothing
 * to delete are skipped. Audited with the offsets before and after.
 */
export async function purgeTopic(
  clusterId: string,
  topic: string,
  request: PurgeTopicRequest,
  actor: string,
): Promise<PurgeTopicResult> {
  const plan = await planPurge(clusterId, topic, request)
  const audit = (result: 'ok' | 'error', error?: string) =>
    recordAudit(clusterId, {
      actor,
      action: 'topic.purge',
      target: { topic },
      params: { request: { ...request }, rows: plan.rows },
      result,
      ...(error ? { error } : {}),
      summary:
        result === 'ok'
          ? `Purged ${plan.totalDeleted} records from ${plan.rows.length} partitions of topic "${topic}"`
          : `Refused to purge topic "${topic}"`,
    })
  if (plan.refusedReason) {
    const status = await audit('error', plan.refusedReason)
    throw new ApiError('conflict', plan.refusedReason, { audit: status })
  }
  const work = plan.rows.filter((r) => r.deleted !== '0')
  const lowAfter = new Map<number, string>()
  if (work.length > 0) {
    try {
      const answer = await platformaticAdminOf(clusterId).deleteRecords({
        topics: [{ name: topic, partitions: work.map((r) => ({ partition: r.partition, offset: BigInt(r.target) })) }],
      })
      for (const t of answer) for (const p of t.partitions) lowAfter.set(p.partition, p.lowWatermark.toString())
    } catch (err) {
      const e = topicActionErrorOf(err, clusterId, topic)
      const status = await audit('error', failureText(e))
      throw new ApiError(e.code, e.message, { ...(e.details as object), audit: status })
    }
  }
  return {
    topic,
    rows: plan.rows.map((r) => ({ ...r, lowAfter: lowAfter.get(r.partition) ?? r.lowBefore })),
    totalDeleted: plan.totalDeleted,
    audit: await audit('ok'),
  }
}
