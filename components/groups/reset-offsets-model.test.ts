import { describe, expect, it } from 'vitest'
import type { GroupDescription } from '@/lib/groups/types'
import {
  clientBlockedReason,
  confirmed,
  initialModeForm,
  modeOf,
  requestOf,
  selectAll,
  selectionKey,
  toDatetimeLocal,
} from './reset-offsets-model'

const form = initialModeForm(Date.UTC(2025, 0, 31, 12))

describe('modeOf', () => {
  it('earliest and latest need nothing else', () => {
    expect(modeOf({ ...form, kind: 'earliest' })).toEqual({ mode: { kind: 'earliest' } })
    expect(modeOf({ ...form, kind: 'latest' })).toEqual({ mode: { kind: 'latest' } })
  })

  it('a datetime-local value is read in the browser zone and sent as epoch ms', () => {
    const local = '2025-01-31T12:34:56'
    expect(modeOf({ ...form, kind: 'timestamp', datetime: local })).toEqual({
      mode: { kind: 'timestamp', timestamp: new Date(local).getTime() },
    })
    expect(modeOf({ ...form, kind: 'timestamp', datetime: '2025-01-31T12:34' })).toHaveProperty('mode')
    expect(modeOf({ ...form, kind: 'timestamp', datetime: '' })).toEqual({ error: 'Pick a date and time.' })
    expect(toDatetimeLocal(new Date(local).getTime())).toBe(local)
  })

  it('offsets stay strings (exact beyond 2^53); shift is signed and not 0', () => {
    expect(modeOf({ ...form, kind: 'offset', offset: ' 9007199254740993 ' })).toEqual({
      mode: { kind: 'offset', offset: '9007199254740993' },
    })
    expect(modeOf({ ...form, kind: 'offset', offset: '-1' })).toHaveProperty('error')
    expect(modeOf({ ...form, kind: 'offset', offset: '9223372036854775808' })).toHaveProperty('error')
    expect(modeOf({ ...form, kind: 'shift', shift: '+50' })).toEqual({ mode: { kind: 'shift', by: '+50' } })
    expect(modeOf({ ...form, kind: 'shift', shift: '-100' })).toEqual({ mode: { kind: 'shift', by: '-100' } })
    expect(modeOf({ ...form, kind: 'shift', shift: '0' })).toEqual({ error: 'A shift of 0 changes nothing.' })
    expect(modeOf({ ...form, kind: 'shift', shift: '1.5' })).toHaveProperty('error')
  })
})

describe('requestOf', () => {
  it('lists the selected partitions per topic, sorted', () => {
    const selection = new Set([selectionKey('b', 1), selectionKey('a', 2), selectionKey('a', 0)])
    expect(requestOf(selection, { ...form, kind: 'latest' })).toEqual({
      request: {
        scope: {
          topics: [
            { topic: 'a', partitions: [0, 2] },
            { topic: 'b', partitions: [1] },
          ],
        },
        mode: { kind: 'latest' },
      },
    })
  })

  it('needs a partition and a valid mode', () => {
    expect(requestOf(new Set(), form)).toEqual({ error: 'Select at least one partition.' })
    expect(requestOf(selectAll([{ topic: 't', partition: 0 }]), { ...form, kind: 'shift', shift: 'x' })).toHaveProperty(
      'error',
    )
  })
})

describe('clientBlockedReason', () => {
  const base: GroupDescription = {
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
  }
  const member = { ...({} as GroupDescription['members'][number]), memberId: 'm' }

  it('nothing while the group is Empty', () => {
    expect(clientBlockedReason(base)).toBeNull()
    expect(clientBlockedReason({ ...base, type: 'consumer', protocolType: '' })).toBeNull()
  })

  it('names the state and member count otherwise, and groups without offsets', () => {
    expect(clientBlockedReason({ ...base, state: 'Stable', members: [member] })).toMatch(
      /^Group "g" is Stable with 1 active member: Kafka resets offsets only while a group is Empty/,
    )
    expect(clientBlockedReason({ ...base, type: 'share' })).toMatch(/Share groups/)
    expect(clientBlockedReason({ ...base, protocolType: 'connect' })).toMatch(/"connect" group/)
  })
})

it('confirmation is the exact id', () => {
  expect(confirmed('orders ', 'orders')).toBe(false)
  expect(confirmed('orders', 'orders')).toBe(true)
})
