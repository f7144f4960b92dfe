import { Reader, Writer } from '@platformatic/kafka'
import { describe, expect, it } from 'vitest'
import {
  DESCRIBE_SHARE_GROUP_OFFSETS,
  DESCRIBE_SHARE_GROUP_OFFSETS_APIS,
  describeShareGroupOffsetsRequest,
  parseDescribeShareGroupOffsets,
} from './describe-share-offsets-api'

const TOPIC_ID = '31709a96-f1f6-4eba-b16d-09bad7d7f32b'

type Partition = { index: number; start: bigint; epoch: number; lag: bigint; error: number; message: string | null }

/** A DescribeShareGroupOffsets response as the broker encodes it (compact, tagged fields after every struct). */
function response(version: number): Writer {
  const partitions: Partition[] = [
    { index: 0, start: 20n, epoch: 3, lag: 5n, error: 0, message: null },
    { index: 1, start: -1n, epoch: 0, lag: -1n, error: 0, message: null },
    { index: 2, start: 0n, epoch: 0, lag: 0n, error: 6, message: 'not leader' },
  ]
  type Group = {
    id: string
    topics: { name: string; partitions: Partition[] }[]
    error: number
    message: string | null
  }
  const groups: Group[] = [
    { id: 'g-ok', topics: [{ name: 'orders', partitions }], error: 0, message: null },
    { id: 'g-denied', topics: [], error: 30, message: 'Not authorized' },
  ]
  return Writer.create()
    .appendInt32(7) // throttle time
    .appendArray(groups, (w, g) => {
      w.appendString(g.id)
        .appendArray(g.topics, (t, topic) => {
          t.appendString(topic.name)
            .appendUUID(TOPIC_ID)
            .appendArray(topic.partitions, (p, x) => {
              p.appendInt32(x.index).appendInt64(x.start).appendInt32(x.epoch)
              if (version >= 1) p.appendInt64(x.lag)
              p.appendInt16(x.error).appendString(x.message)
            })
        })
        .appendInt16(g.error)
        .appendString(g.message)
    })
    .appendTaggedFields()
}

describe('DescribeShareGroupOffsets codec', () => {
  it('offers v1 then v0 of API key 90', () => {
    expect(DESCRIBE_SHARE_GROUP_OFFSETS_APIS.map((a) => [a.key, a.version])).toEqual([
      [DESCRIBE_SHARE_GROUP_OFFSETS, 1],
      [DESCRIBE_SHARE_GROUP_OFFSETS, 0],
    ])
  })

  it('parses v1 with the lag, keeping group and partition errors', () => {
    const reader = Reader.from(response(1))
    const parsed = parseDescribeShareGroupOffsets(1, reader)
    expect(reader.remaining).toBe(0)
    expect(parsed.throttleTimeMs).toBe(7)
    expect(parsed.groups).toEqual([
      {
        groupId: 'g-ok',
        topics: [
          {
            topicName: 'orders',
            topicId: TOPIC_ID,
            partitions: [
              { partitionIndex: 0, startOffset: 20n, leaderEpoch: 3, lag: 5n, errorCode: 0, errorMessage: null },
              { partitionIndex: 1, startOffset: -1n, leaderEpoch: 0, lag: -1n, errorCode: 0, errorMessage: null },
              { partitionIndex: 2, startOffset: 0n, leaderEpoch: 0, lag: 0n, errorCode: 6, errorMessage: 'not leader' },
            ],
          },
        ],
        errorCode: 0,
        errorMessage: null,
      },
      { groupId: 'g-denied', topics: [], errorCode: 30, errorMessage: 'Not authorized' },
    ])
  })

  it('parses v0, which has no lag field, with lag -1', () => {
    const reader = Reader.from(response(0))
    const parsed = parseDescribeShareGroupOffsets(0, reader)
    expect(reader.remaining).toBe(0)
    const partitions = parsed.groups[0]?.topics[0]?.partitions ?? []
    expect(partitions.map((p) => [p.partitionIndex, p.startOffset, p.lag, p.errorCode])).toEqual([
      [0, 20n, -1n, 0],
      [1, -1n, -1n, 0],
      [2, 0n, -1n, 6],
    ])
  })

  it('encodes null topics as a null compact array, and named topics with their partitions', () => {
    const bytes = describeShareGroupOffsetsRequest([
      { groupId: 'a', topics: null },
      { groupId: 'b', topics: [{ topicName: 't', partitions: [0, 2] }] },
    ]).buffer
    const r = Reader.from(bytes)
    const groups = r.readArray((g) => ({
      groupId: g.readString(),
      topics: g.readNullableArray((t) => ({
        topicName: t.readString(),
        partitions: t.readArray((p) => p.readInt32(), true, false),
      })),
    }))
    r.readTaggedFields()
    expect(r.remaining).toBe(0)
    expect(groups).toEqual([
      { groupId: 'a', topics: null },
      { groupId: 'b', topics: [{ topicName: 't', partitions: [0, 2] }] },
    ])
  })
})
