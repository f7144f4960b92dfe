import { createAPI, type Reader, Writer } from '@platformatic/kafka'

// Codec for DescribeShareGroupOffsets (KIP-932), written from the message specs shipped in kafka-clients 4.3.1
// (common/message/DescribeShareGroupOffsets{Request,Response}.json). @platformatic/kafka 2.12.1 does not have it.
// Flexible (compact) encoding from v0; v1 adds the share-partition lag. Per-group and per-partition errors stay in
// the answer (never thrown): a batch of groups needs every group's own error code.

export type ShareOffsetsRequestGroup = {
  groupId: string
  /** null: every topic-partition the group has share-partition state for. */
  topics: { topicName: string; partitions: number[] }[] | null
}

export type SharePartitionOffsetWire = {
  partitionIndex: number
  /** The share-partition start offset; -1 when unknown. */
  startOffset: bigint
  leaderEpoch: number
  /** The share-partition lag (v1+); -1 when unknown or answered with v0. */
  lag: bigint
  errorCode: number
  errorMessage: string | null
}

export type ShareOffsetsTopicWire = { topicName: string; topicId: string; partitions: SharePartitionOffsetWire[] }

export type ShareOffsetsGroupWire = {
  groupId: string
  topics: ShareOffsetsTopicWire[]
  errorCode: number
  errorMessage: string | null
}

export type DescribeShareGroupOffsetsResponse = { throttleTimeMs: number; groups: ShareOffsetsGroupWire[] }

export type DescribeShareGroupOffsetsApi = ReturnType<typeof describeShareGroupOffsetsApi>

export const DESCRIBE_SHARE_GROUP_OFFSETS = 90

export function describeShareGroupOffsetsRequest(groups: ShareOffsetsRequestGroup[]): Writer {
  return Writer.create()
    .appendArray(groups, (w, g) => {
      w.appendString(g.groupId).appendArray(g.topics, (t, topic) => {
        t.appendString(topic.topicName).appendArray(topic.partitions, (p, index) => p.appendInt32(index), true, false)
      })
    })
    .appendTaggedFields()
}

export function parseDescribeShareGroupOffsets(version: number, r: Reader): DescribeShareGroupOffsetsResponse {
  const throttleTimeMs = r.readInt32()
  const groups = r.readArray((g) => {
    const groupId = g.readString()
    const topics = g.readArray((t) => ({
      topicName: t.readString(),
      topicId: t.readUUID(),
      partitions: t.readArray((p) => {
        const partitionIndex = p.readInt32()
        const startOffset = p.readInt64()
        const leaderEpoch = p.readInt32()
        const lag = version >= 1 ? p.readInt64() : -1n
        const errorCode = p.readInt16()
        const errorMessage = p.readNullableString()
        return { partitionIndex, startOffset, leaderEpoch, lag, errorCode, errorMessage }
      }),
    }))
    const errorCode = g.readInt16()
    const errorMessage = g.readNullableString()
    return { groupId, topics, errorCode, errorMessage }
  })
  r.readTaggedFields()
  return { throttleTimeMs, groups }
}

function describeShareGroupOffsetsApi(version: number) {
  return createAPI<[groups: ShareOffsetsRequestGroup[]], DescribeShareGroupOffsetsResponse>(
    DESCRIBE_SHARE_GROUP_OFFSETS,
    version,
    describeShareGroupOffsetsRequest,
    (_c, _k, v, reader) => parseDescribeShareGroupOffsets(v, reader),
  )
}

/** Newest first, for picking the newest version a broker supports. */
export const DESCRIBE_SHARE_GROUP_OFFSETS_APIS = [describeShareGroupOffsetsApi(1), describeShareGroupOffsetsApi(0)]
