import { createAPI, type Reader, Writer } from '@platformatic/kafka'

// Codecs for the describe APIs of KIP-848 (ConsumerGroupDescribe), KIP-932 (ShareGroupDescribe) and KIP-1071
// (StreamsGroupDescribe), written from the message specs shipped in kafka-clients 4.3.1
// (common/message/*GroupDescribe{Request,Response}.json). @platformatic/kafka 2.12.1 only has ConsumerGroupDescribe v0,
// and its parsers throw away the whole answer when one group has an error; a batch of 2,000 groups needs every
// group's own error code instead. All three are flexible (compact) encodings from their first version.

export type TopicPartitionsWire = { topicId: string; topicName: string; partitions: number[] }

export type DescribedMemberWire = {
  memberId: string
  instanceId: string | null
  memberEpoch: number
  clientId: string
  clientHost: string
  subscribedTopicNames: string[]
  assignment: TopicPartitionsWire[]
  /** Share groups have no target assignment. */
  targetAssignment: TopicPartitionsWire[] | null
}

export type DescribedGroupWire = {
  errorCode: number
  errorMessage: string | null
  groupId: string
  groupState: string
  groupEpoch: number
  assignmentEpoch: number
  /** Streams groups have no assignor name. */
  assignorName: string | null
  members: DescribedMemberWire[]
}

export type GroupDescribeResponse = { groups: DescribedGroupWire[] }

export type GroupDescribeApi = ReturnType<typeof groupDescribeApi>

export const CONSUMER_GROUP_DESCRIBE = 69
export const SHARE_GROUP_DESCRIBE = 77
export const STREAMS_GROUP_DESCRIBE = 89

/** GroupIds + IncludeAuthorizedOperations: the request of all three APIs. */
function describeRequest(groupIds: string[]): Writer {
  return Writer.create()
    .appendArray(groupIds, (w, id) => w.appendString(id), true, false)
    .appendBoolean(false)
    .appendTaggedFields()
}

function topicPartitionsOf(r: Reader): TopicPartitionsWire[] {
  return r.readArray((t) => ({
    topicId: t.readUUID(),
    topicName: t.readString(),
    partitions: t.readArray((p) => p.readInt32(), true, false),
  }))
}

/** An `Assignment` struct: its topic partitions, then the struct's tagged fields. */
function assignmentOf(r: Reader): TopicPartitionsWire[] {
  const partitions = topicPartitionsOf(r)
  r.readTaggedFields()
  return partitions
}

function consumerMemberOf(r: Reader, version: number): DescribedMemberWire {
  const memberId = r.readString()
  const instanceId = r.readNullableString()
  r.readNullableString() // rack id
  const memberEpoch = r.readInt32()
  const clientId = r.readString()
  const clientHost = r.readString()
  const subscribedTopicNames = r.readArray((t) => t.readString(), true, false)
  r.readNullableString() // subscribed topic regex
  const assignment = assignmentOf(r)
  const targetAssignment = assignmentOf(r)
  if (version >= 1) r.readInt8() // member type (KIP-1099)
  return { memberId, instanceId, memberEpoch, clientId, clientHost, subscribedTopicNames, assignment, targetAssignment }
}

function shareMemberOf(r: Reader): DescribedMemberWire {
  const memberId = r.readString()
  r.readNullableString() // rack id
  const memberEpoch = r.readInt32()
  const clientId = r.readString()
  const clientHost = r.readString()
  const subscribedTopicNames = r.readArray((t) => t.readString(), true, false)
  const assignment = assignmentOf(r)
  // Share members have no instance id and no target assignment.
  return {
    memberId,
    instanceId: null,
    memberEpoch,
    clientId,
    clientHost,
    subscribedTopicNames,
    assignment,
    targetAssignment: null,
  }
}

/** Streams assignments are tasks (sub-topology + partitions), not topic partitions: kept as "subtopology <id>". */
function taskAssignmentOf(r: Reader): TopicPartitionsWire[] {
  const tasks = (x: Reader) =>
    x.readArray((t) => ({
      topicId: '',
      topicName: `subtopology ${t.readString()}`,
      partitions: t.readArray((p) => p.readInt32(), true, false),
    }))
  const active = tasks(r)
  tasks(r) // standby
  tasks(r) // warm-up
  r.readTaggedFields()
  return active
}

function skipTopicInfos(r: Reader): void {
  r.readArray((t) => {
    t.readString()
    t.readInt32()
    t.readInt16()
    t.readArray((kv) => [kv.readString(), kv.readString()])
  })
}

function skipStreamsTopology(r: Reader): void {
  r.readNullableStruct(() => {
    r.readInt32() // epoch
    r.readNullableArray((s) => {
      s.readString() // subtopology id
      s.readArray((t) => t.readString(), true, false) // source topics
      s.readArray((t) => t.readString(), true, false) // repartition sink topics
      skipTopicInfos(s) // state changelog topics
      skipTopicInfos(s) // repartition source topics
    })
    r.readTaggedFields()
    return null
  })
}

function streamsMemberOf(r: Reader): DescribedMemberWire {
  const memberId = r.readString()
  const memberEpoch = r.readInt32()
  const instanceId = r.readNullableString()
  r.readNullableString() // rack id
  const clientId = r.readString()
  const clientHost = r.readString()
  r.readInt32() // topology epoch
  r.readString() // process id
  r.readNullableStruct(() => {
    r.readString()
    r.readUnsignedInt16()
    r.readTaggedFields()
    return null
  }) // user endpoint
  r.readArray((kv) => [kv.readString(), kv.readString()]) // client tags
  const skipOffsets = () => r.readArray((o) => [o.readString(), o.readInt32(), o.readInt64()])
  skipOffsets() // task offsets
  skipOffsets() // task end offsets
  const assignment = taskAssignmentOf(r)
  const targetAssignment = taskAssignmentOf(r)
  r.readBoolean() // is classic
  return {
    memberId,
    instanceId,
    memberEpoch,
    clientId,
    clientHost,
    subscribedTopicNames: [],
    assignment,
    targetAssignment,
  }
}

type Flavor = 'consumer' | 'share' | 'streams'

/** Parses any of the three responses; per-group errors stay in the groups (never thrown). */
export function parseGroupDescribe(flavor: Flavor, version: number, r: Reader): GroupDescribeResponse {
  r.readInt32() // throttle time
  const groups = r.readArray((g) => {
    const errorCode = g.readInt16()
    const errorMessage = g.readNullableString()
    const groupId = g.readString()
    const groupState = g.readString()
    const groupEpoch = g.readInt32()
    const assignmentEpoch = g.readInt32()
    const assignorName = flavor === 'streams' ? null : g.readString()
    if (flavor === 'streams') skipStreamsTopology(g)
    const members = g.readArray((m) =>
      flavor === 'consumer' ? consumerMemberOf(m, version) : flavor === 'share' ? shareMemberOf(m) : streamsMemberOf(m),
    )
    g.readInt32() // authorized operations
    return { errorCode, errorMessage, groupId, groupState, groupEpoch, assignmentEpoch, assignorName, members }
  })
  r.readTaggedFields()
  return { groups }
}

function groupDescribeApi(key: number, version: number, flavor: Flavor) {
  return createAPI<[groupIds: string[]], GroupDescribeResponse>(key, version, describeRequest, (_c, _k, v, reader) =>
    parseGroupDescribe(flavor, v, reader),
  )
}

/** Newest first, for picking the newest version a broker supports. */
export const CONSUMER_GROUP_DESCRIBE_APIS = [
  groupDescribeApi(CONSUMER_GROUP_DESCRIBE, 1, 'consumer'),
  groupDescribeApi(CONSUMER_GROUP_DESCRIBE, 0, 'consumer'),
]
// ShareGroupDescribe v0 was Kafka 4.0's early access and is gone since 4.1; only the stable v1 is spoken.
export const SHARE_GROUP_DESCRIBE_APIS = [groupDescribeApi(SHARE_GROUP_DESCRIBE, 1, 'share')]
export const STREAMS_GROUP_DESCRIBE_APIS = [groupDescribeApi(STREAMS_GROUP_DESCRIBE, 0, 'streams')]
