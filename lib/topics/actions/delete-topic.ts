import 'server-only'
import { recordAudit } from '@/lib/audit/record-audit'
import { ApiError } from '@/lib/errors'
import { fetchWatermarks } from '@/lib/kafka/fetch-watermarks'
import { platformaticAdminOf } from '@/lib/kafka/platformatic-admin'
import { assertWritable, failureText, protectedTopicReason, topicActionErrorOf, topicLayoutOf } from './guards'
import { topicOverridesOf } from './topic-overrides'
import type { DeleteTopicPreview, DeleteTopicResult } from './types'

/** What deleting the topic would remove (partitions, records, overrides), or why Ferry refuses to. Changes nothing. */
export async function planDeleteTopic(clusterId: string, topic: string): Promise<DeleteTopicPreview> {
  assertWritable(clusterId)
  const layout = await topicLayoutOf(clusterId, topic)
  const [marks, overrides] = await Promise.all([
    fetchWatermarks(clusterId, [{ topic, partitions: layout.partitions }]),
    topicOverridesOf(clusterId, topic),
  ])
  const count = (marks.get(topic) ?? []).reduce((sum, m) => sum + BigInt(m.high) - BigInt(m.low), 0n)
  return {
    topic,
    partitions: layout.partitions.length,
    replicationFactor: layout.replicationFactor,
    messageCount: count.toString(),
    overrides,
    refusedReason: protectedTopicReason(topic, 'deleting'),
  }
}

/**
 * Deletes a topic with all its records. Refused on read-only clusters (403), for unknown topics (404) and for Kafka's
 * internal and Ferry's state topics (409, audited). The audit record keeps the layout and overrides, so the topic can
 * be recreated by hand (its records cannot).
 */
export async function deleteTopic(clusterId: string, topic: string, actor: string): Promise<DeleteTopicResult> {
  assertWritable(clusterId)
  // Refused by name before any lookup: whether it exists or not, Ferry will not delete it.
  const refused = protectedTopicReason(topic, 'deleting')
  if (refused) {
    const status = await recordAudit(clusterId, {
      actor,
      action: 'topic.delete',
      target: { topic },
      params: {},
      result: 'error',
      error: refused,
      summary: `Refused to delete topic "${topic}"`,
    })
    throw new ApiError('conflict', refused, { audit: status })
  }
  const plan = await planDeleteTopic(clusterId, topic)
  const audit = (result: 'ok' | 'error', error?: string) =>
    recordAudit(clusterId, {
      actor,
      action: 'topic.delete',
      target: { topic },
      params: {
        partitions: plan.partitions,
        replicationFactor: plan.replicationFactor,
        messageCount: plan.messageCount,
        overrides: plan.overrides,
      },
      result,
      ...(error ? { error } : {}),
      summary:
        result === 'ok'
          ? `Deleted topic "${topic}" (${plan.partitions} partitions, ${plan.messageCount} records)`
          : `Refused to delete topic "${topic}"`,
    })
  try {
    await platformaticAdminOf(clusterId).deleteTopics({ topics: [topic] })
  } catch (err) {
    const e = topicActionErrorOf(err, clusterId, topic)
    const status = await audit('error', failureText(e))
    throw new ApiError(e.code, e.message, { ...(e.details as object), audit: status })
  }
  return { topic, deleted: true, audit: await audit('ok') }
}
