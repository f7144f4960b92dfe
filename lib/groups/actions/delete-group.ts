import 'server-only'
import { recordAudit } from '@/lib/audit/record-audit'
import type { JsonValue } from '@/lib/audit/types'
import { ApiError } from '@/lib/errors'
import { describeGroup } from '@/lib/groups/describe-group'
import { hasCommittedOffsets } from '@/lib/groups/has-committed-offsets'
import { platformaticAdminOf } from '@/lib/kafka/platformatic-admin'
import { fetchCommittedOffsets } from '@/lib/lag/fetch-committed-offsets'
import { activeMembersReason, assertWritable, failureText, groupActionErrorOf } from './guards'
import type { DeleteGroupResult } from './types'

// The audit record keeps the offsets the group had, so a deletion can be undone by hand; bounded for huge groups.
const MAX_AUDITED_OFFSETS = 5_000

/**
 * Deletes a group (DeleteGroups, any group type) with its committed offsets. Refused on a read-only cluster (403),
 * for an unknown group (404) and while it has members (409, audited); Kafka itself would answer NON_EMPTY_GROUP.
 */
export async function deleteGroup(clusterId: string, groupId: string, actor: string): Promise<DeleteGroupResult> {
  assertWritable(clusterId)
  const group = await describeGroup(clusterId, groupId)
  const offsets = hasCommittedOffsets(group)
    ? ((await fetchCommittedOffsets(clusterId, [groupId])).get(groupId) ?? [])
    : []
  const params: JsonValue = {
    type: group.type,
    state: group.state,
    offsetsBefore: offsets.slice(0, MAX_AUDITED_OFFSETS),
    ...(offsets.length > MAX_AUDITED_OFFSETS ? { offsetsTruncated: offsets.length } : {}),
  }
  const audit = (result: 'ok' | 'error', error?: string) =>
    recordAudit(clusterId, {
      actor,
      action: 'group.delete',
      target: { group: groupId },
      params,
      result,
      ...(error ? { error } : {}),
      summary:
        result === 'ok'
          ? `Deleted ${group.type} group "${groupId}" with ${offsets.length} committed offsets`
          : `Refused to delete group "${groupId}"`,
    })
  const busy = activeMembersReason(group, 'deleting it')
  if (busy) {
    const status = await audit('error', busy)
    throw new ApiError('conflict', busy, { state: group.state, members: group.members.length, audit: status })
  }
  try {
    await platformaticAdminOf(clusterId).deleteGroups({ groups: [groupId] })
  } catch (err) {
    const e = groupActionErrorOf(err, clusterId, groupId)
    const status = await audit('error', failureText(e))
    throw new ApiError(e.code, e.message, { ...(e.details as object), audit: status })
  }
  return { groupId, deleted: true, audit: await audit('ok') }
}
