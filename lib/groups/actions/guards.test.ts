import { describe, expect, it } from 'vitest'
import type { GroupDescription } from '@/lib/groups/types'
import { activeMembersReason, groupActionErrorOf, noOffsetsReason } from './guards'

const group = (over: Partial<GroupDescription>): GroupDescription => ({
  groupId: 'g',
  type: 'classic',
  protocolType: 'consumer',
  state: 'Empty',
  assignor: null,
  groupEpoch: null,
  assignmentEpoch: null,
  coordinatorId: 1,
  members: [],
  describedWith: 'DescribeGroups v5',
  unsupportedReason: null,
  ...over,
})
const member = {
  memberId: 'm1',
  memberEpoch: 3,
  instanceId: null,
  clientId: 'c',
  host: 'h',
  subscribedTopics: ['t'],
  assignment: [],
  targetAssignment: null,
}

/** The shape @platformatic/kafka rejects with: MultipleErrors → ResponseError → ProtocolError (apiId). */
const platformaticRefusal = (apiId: string) => ({
  code: 'PLT_KFK_MULTIPLE',
  errors: [{ code: 'PLT_KFK_RESPONSE', errors: [{ code: 'PLT_KFK_PROTOCOL', apiId, message: 'refused' }] }],
})

describe('activeMembersReason', () => {
  it('nothing to say for an Empty or Dead group without members', () => {
    expect(activeMembersReason(group({ state: 'Empty' }), 'x')).toBeNull()
    expect(activeMembersReason(group({ state: 'Dead' }), 'x')).toBeNull()
  })

  it('names the state and member count; KIP-848 groups are said to need Empty too', () => {
    expect(activeMembersReason(group({ state: 'Stable', members: [member, member] }), 'resetting its offsets')).toBe(
      'Group "g" is Stable with 2 active members: Kafka allows resetting its offsets only while a group is Empty. Stop its consumers and wait until the group is Empty.',
    )
    expect(activeMembersReason(group({ type: 'consumer', state: 'Reconciling', members: [member] }), 'x')).toMatch(
      /is Reconciling with 1 active member: .*KIP-848/,
    )
    expect(activeMembersReason(group({ state: 'PreparingRebalance' }), 'x')).toMatch(/PreparingRebalance with 0/)
  })
})

describe('noOffsetsReason', () => {
  it('classic consumer, manual-commit, KIP-848 and streams groups have offsets', () => {
    for (const g of [
      group({}),
      group({ protocolType: '' }),
      group({ type: 'consumer', protocolType: '' }),
      group({ type: 'streams' }),
    ])
      expect(noOffsetsReason(g)).toBeNull()
  })

  it('share groups, Connect groups, unknown and undescribable types do not, and it says why', () => {
    expect(noOffsetsReason(group({ type: 'share' }))).toMatch(/share group \(KIP-932\)/)
    expect(noOffsetsReason(group({ protocolType: 'connect' }))).toMatch(/protocol type "connect": it is not a consumer/)
    expect(noOffsetsReason(group({ type: 'unknown' }))).toMatch(/does not know/)
    expect(noOffsetsReason(group({ unsupportedReason: 'Kafka 3.9 has no share groups' }))).toMatch(/3\.9/)
  })
})

describe("groupActionErrorOf: Kafka's refusals in words", () => {
  it('maps member and subscription refusals to 409 and unknown groups to 404', () => {
    expect(groupActionErrorOf(platformaticRefusal('NON_EMPTY_GROUP'), 'c', 'g')).toMatchObject({
      code: 'conflict',
      message: 'Kafka refused: group "g" is not empty (NON_EMPTY_GROUP).',
    })
    expect(groupActionErrorOf(platformaticRefusal('GROUP_SUBSCRIBED_TO_TOPIC'), 'c', 'g', 't')).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('subscribed to topic "t" (GROUP_SUBSCRIBED_TO_TOPIC)'),
    })
    for (const apiId of ['UNKNOWN_MEMBER_ID', 'ILLEGAL_GENERATION', 'STALE_MEMBER_EPOCH']) {
      expect(groupActionErrorOf(platformaticRefusal(apiId), 'c', 'g')).toMatchObject({
        code: 'conflict',
        message: expect.stringContaining(`has active members (${apiId})`),
      })
    }
    expect(groupActionErrorOf(platformaticRefusal('GROUP_ID_NOT_FOUND'), 'c', 'g').code).toBe('not_found')
  })
})
