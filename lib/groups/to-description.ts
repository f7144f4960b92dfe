import { assignedPartitionsOf, subscribedTopicsOf, topicPartitionsOf } from './classic-protocol'
import type { DescribedGroupWire, TopicPartitionsWire } from './describe-apis'
import type { GroupDescription, GroupListing, GroupMember, GroupTopicPartitions } from './types'

/** What DescribeGroups (any version) says about one classic group. */
export type ClassicGroupWire = {
  groupState: string
  protocolType: string
  protocolData: string
  members: {
    memberId: string
    groupInstanceId?: string | null
    clientId: string
    clientHost: string
    memberMetadata: Buffer
    memberAssignment: Buffer
  }[]
}

type Where = { coordinatorId: number | null; describedWith: string }

/** A classic group's description; consumer-protocol members get their subscription and partitions decoded. */
export function classicDescriptionOf(listing: GroupListing, wire: ClassicGroupWire, where: Where): GroupDescription {
  const protocolType = wire.protocolType || listing.protocolType
  const consumer = protocolType === 'consumer'
  const members: GroupMember[] = wire.members.map((m) => ({
    memberId: m.memberId,
    memberEpoch: null,
    instanceId: m.groupInstanceId ?? null,
    clientId: m.clientId,
    host: hostOf(m.clientHost),
    subscribedTopics: consumer ? subscribedTopicsOf(m.memberMetadata) : [],
    assignment: consumer ? assignedPartitionsOf(m.memberAssignment) : [],
    targetAssignment: null,
  }))
  return {
    groupId: listing.groupId,
    type: 'classic',
    protocolType,
    state: wire.groupState,
    assignor: wire.protocolData || null,
    groupEpoch: null,
    assignmentEpoch: null,
    coordinatorId: where.coordinatorId,
    members,
    describedWith: where.describedWith,
    unsupportedReason: null,
  }
}

/**
 * A consumer, share or streams group's description. Topic names come from the answer; where a broker leaves one
 * empty, `topicNames` (topic id → name from Metadata) fills it in, else the id is shown.
 */
export function describedGroupOf(
  listing: GroupListing,
  wire: DescribedGroupWire,
  where: Where,
  topicNames: Map<string, string> = new Map(),
): GroupDescription {
  const named = (tps: TopicPartitionsWire[]): GroupTopicPartitions[] =>
    topicPartitionsOf(tps.map((tp) => [tp.topicName || topicNames.get(tp.topicId) || tp.topicId, tp.partitions]))
  return {
    groupId: wire.groupId,
    type: listing.type,
    protocolType: listing.protocolType,
    state: wire.groupState,
    assignor: wire.assignorName || null,
    groupEpoch: wire.groupEpoch,
    assignmentEpoch: wire.assignmentEpoch,
    coordinatorId: where.coordinatorId,
    members: wire.members.map((m) => ({
      memberId: m.memberId,
      memberEpoch: m.memberEpoch,
      instanceId: m.instanceId,
      clientId: m.clientId,
      host: hostOf(m.clientHost),
      subscribedTopics: [...m.subscribedTopicNames].sort(),
      assignment: named(m.assignment),
      targetAssignment: m.targetAssignment && named(m.targetAssignment),
    })),
    describedWith: where.describedWith,
    unsupportedReason: null,
  }
}

/** A group of a type these brokers cannot describe: said plainly, state "Unknown", never an error. */
export function unsupportedDescriptionOf(
  listing: GroupListing,
  reason: string,
  coordinatorId: number | null,
): GroupDescription {
  return {
    groupId: listing.groupId,
    type: listing.type,
    protocolType: listing.protocolType,
    state: 'Unknown',
    assignor: null,
    groupEpoch: null,
    assignmentEpoch: null,
    coordinatorId,
    members: [],
    describedWith: 'none',
    unsupportedReason: reason,
  }
}

/** Topic ids the answers name without a topic name (the only ones Metadata needs to resolve). */
export function unnamedTopicIdsOf(groups: DescribedGroupWire[]): string[] {
  const ids = new Set<string>()
  for (const g of groups) {
    for (const m of g.members) {
      for (const tp of [...m.assignment, ...(m.targetAssignment ?? [])])
        if (!tp.topicName && tp.topicId) ids.add(tp.topicId)
    }
  }
  return [...ids]
}

// Java clients report their host as "/127.0.0.1"; the CLI prints it the same way, the UI wants the address.
function hostOf(clientHost: string): string {
  return clientHost.replace(/^\//, '')
}
