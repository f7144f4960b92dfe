import 'server-only'
import { getClusterConfig } from '@/lib/config'
import { ApiError } from '@/lib/errors'
import type { GroupDescription } from '@/lib/groups/types'
import { errorChainOf, platformaticErrorOf } from '@/lib/kafka/platformatic-connection'

/** Why nothing may be changed on this cluster, or null when it is writable. */
export function readOnlyReason(clusterId: string): string | null {
  return getClusterConfig(clusterId).readOnly
    ? `Cluster "${clusterId}" is read-only: Ferry changes nothing on it (readOnly is set in its config).`
    : null
}

/** Throws 403 on a read-only cluster: every mutating action calls this before anything else. */
export function assertWritable(clusterId: string): void {
  const reason = readOnlyReason(clusterId)
  if (reason) throw new ApiError('forbidden', reason)
}

/**
 * Why Kafka would refuse to change this group's offsets or delete it now, or null when it has no members. Kafka
 * accepts an admin offset commit, DeleteGroups and a reset only while the group is Empty (or Dead), whatever its
 * type: classic groups answer UNKNOWN_MEMBER_ID / NON_EMPTY_GROUP, and KIP-848 groups the same.
 */
export function activeMembersReason(group: GroupDescription, doing: string): string | null {
  const members = group.members.length
  if (members === 0 && (group.state === 'Empty' || group.state === 'Dead')) return null
  const who = members === 1 ? '1 active member' : `${members} active members`
  const kip848 = group.type === 'consumer' ? ' (for KIP-848 consumer groups as for classic ones)' : ''
  return `Group "${group.groupId}" is ${group.state} with ${who}: Kafka allows ${doing} only while a group is Empty${kip848}. Stop its consumers and wait until the group is Empty.`
}

// Kafka's answers to a commit or delete that raced with a member joining.
const MEMBER_ERRORS = new Set([
  'UNKNOWN_MEMBER_ID',
  'ILLEGAL_GENERATION',
  'REBALANCE_IN_PROGRESS',
  'STALE_MEMBER_EPOCH',
  'FENCED_MEMBER_EPOCH',
])

/** Kafka's refusal of a group mutation, in words; other failures as platformaticErrorOf maps them. */
export function groupActionErrorOf(err: unknown, clusterId: string, groupId: string, topic?: string): ApiError {
  if (err instanceof ApiError) return err
  const apiId = errorChainOf(err).find((e) => typeof e.apiId === 'string')?.apiId
  if (apiId === 'NON_EMPTY_GROUP')
    return new ApiError('conflict', `Kafka refused: group "${groupId}" is not empty (NON_EMPTY_GROUP).`, { apiId })
  if (apiId === 'GROUP_SUBSCRIBED_TO_TOPIC')
    return new ApiError(
      'conflict',
      `Kafka refused: members of group "${groupId}" are subscribed to topic "${topic}" (GROUP_SUBSCRIBED_TO_TOPIC). Stop them or change their subscription first.`,
      { apiId },
    )
  if (apiId && MEMBER_ERRORS.has(apiId))
    return new ApiError(
      'conflict',
      `Kafka refused the change: group "${groupId}" has active members (${apiId}). Stop its consumers first.`,
      { apiId },
    )
  if (apiId === 'GROUP_ID_NOT_FOUND')
    return new ApiError('not_found', `Group "${groupId}" does not exist on cluster "${clusterId}"`)
  return platformaticErrorOf(err, getClusterConfig(clusterId))
}

/** The message an audit record keeps for a failure. */
export function failureText(err: unknown): string {
  return err instanceof ApiError ? `${err.code}: ${err.message}` : String(err)
}

/** Why this group has no consumer offsets Ferry can change, or null when it has (classic consumer, KIP-848, streams). */
export function noOffsetsReason(group: GroupDescription): string | null {
  const id = group.groupId
  if (group.unsupportedReason) return `Ferry cannot describe group "${id}": ${group.unsupportedReason}`
  switch (group.type) {
    case 'consumer':
    case 'streams':
      return null
    case 'share':
      return `Group "${id}" is a share group (KIP-932): it has no committed offsets, only share-partition start offsets, which Ferry does not change.`
    case 'classic':
      return group.protocolType === 'consumer' || group.protocolType === ''
        ? null
        : `Group "${id}" is a classic group of protocol type "${group.protocolType}": it is not a consumer group and has no consumer offsets.`
    default:
      return `Group "${id}" is of a type Ferry does not know, so it cannot tell whether it has consumer offsets.`
  }
}
