import 'server-only'
import { recordAudit } from '@/lib/audit/record-audit'
import { ApiError } from '@/lib/errors'
import { describeGroup } from '@/lib/groups/describe-group'
import { platformaticAdminOf } from '@/lib/kafka/platformatic-admin'
import { fetchCommittedOffsets } from '@/lib/lag/fetch-committed-offsets'
import { assertWritable, failureText, groupActionErrorOf, noOffsetsReason } from './guards'
import type { DeleteGroupOffsetsResult } from './types'

/**
 * Deletes a group's committed offsets on one topic (OffsetDelete), e.g. after the group stopped reading it. Kafka
 * allows it while the group is live, except for topics a member is subscribed to (GROUP_SUBSCRIBED_TO_TOPIC): that is
 * checked first from the members' subscriptions and assignments, and Kafka's own refusal is mapped the same way.
 */
export async function deleteGroupOffsets(
  clusterId: string,
  groupId: string,
  topic: string,
  actor: string,
): Promise<DeleteGroupOffsetsResult> {
  assertWritable(clusterId)
  const group = await describeGroup(clusterId, groupId)
  const unsupported = noOffsetsReason(group)
  if (unsupported) throw new ApiError('conflict', unsupported)
  const committed = ((await fetchCommittedOffsets(clusterId, [groupId])).get(groupId) ?? [])
    .filter((c) => c.topic === topic)
    .sort((a, b) => a.partition - b.partition)
  if (committed.length === 0)
    throw new ApiError('not_found', `Group "${groupId}" has no committed offsets on topic "${topic}"`)
  const partitions = committed.map((c) => c.partition)
  const audit = (result: 'ok' | 'error', error?: string) =>
    recordAudit(clusterId, {
      actor,
      action: 'group.delete-offsets',
      target: { group: groupId, topic },
      params: {
        topic,
        partitions,
        offsetsBefore: committed.map((c) => ({ partition: c.partition, offset: c.offset })),
      },
      result,
      ...(error ? { error } : {}),
      summary:
        result === 'ok'
          ? `Deleted the committed offsets of group "${groupId}" on ${partitions.length} partitions of topic "${topic}"`
          : `Refused to delete the offsets of group "${groupId}" on topic "${topic}"`,
    })
  const subscribed = group.members.filter(
    (m) => m.subscribedTopics.includes(topic) || m.assignment.some((a) => a.topic === topic),
  )
  if (subscribed.length > 0) {
    const who = subscribed.length === 1 ? '1 member' : `${subscribed.length} members`
    const reason = `${who} of group "${groupId}" ${subscribed.length === 1 ? 'is' : 'are'} subscribed to topic "${topic}": Kafka deletes a topic's offsets only when no member of the group consumes it (GROUP_SUBSCRIBED_TO_TOPIC). Stop them or change their subscription first.`
    const status = await audit('error', reason)
    throw new ApiError('conflict', reason, { members: subscribed.map((m) => m.memberId), audit: status })
  }
  try {
    await platformaticAdminOf(clusterId).deleteConsumerGroupOffsets({
      groupId,
      topics: [{ name: topic, partitionIndexes: partitions }],
    })
  } catch (err) {
    const e = groupActionErrorOf(err, clusterId, groupId, topic)
    const status = await audit('error', failureText(e))
    throw new ApiError(e.code, e.message, { ...(e.details as object), audit: status })
  }
  return { groupId, topic, partitions, audit: await audit('ok') }
}
