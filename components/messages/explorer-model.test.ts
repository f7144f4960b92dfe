import { describe, expect, it } from 'vitest'
import {
  DEFAULT_STATE,
  explorerStateFromQuery,
  explorerStateToQuery,
  fromDatetimeLocal,
  messageAsJson,
  toDatetimeLocal,
  toScanRequest,
} from './explorer-model'

describe('explorer state in the URL', () => {
  it('keeps other params and leaves defaults out', () => {
    const q = explorerStateToQuery(DEFAULT_STATE, new URLSearchParams('tab=messages'))
    expect(q.toString()).toBe('tab=messages')
  })
  it('round-trips a full state with a permalink', () => {
    const state = {
      ...DEFAULT_STATE,
      partitions: '0,2',
      from: 'timestamp' as const,
      time: 1_700_000_000_000,
      direction: 'forward' as const,
      limit: 500,
      cel: 'value.a == "x&y"',
      contains: 'bob',
      valueFormat: 'json' as const,
      selected: { partition: 2, offset: '41' },
    }
    const q = explorerStateToQuery(state, new URLSearchParams('tab=messages'))
    expect(q.get('partition')).toBe('2')
    expect(q.get('offset')).toBe('41')
    expect(explorerStateFromQuery(q)).toEqual(state)
  })
  it('ignores garbage', () => {
    const s = explorerStateFromQuery(new URLSearchParams('from=x&limit=-3&kf=avro&partition=a&offset=1'))
    expect(s).toMatchObject({ from: 'newest', limit: 100, keyFormat: 'auto', selected: null })
  })
})

describe('toScanRequest', () => {
  it('newest is backward by default', () => {
    expect(toScanRequest(DEFAULT_STATE)).toMatchObject({
      request: { start: { from: 'newest' }, direction: 'backward' },
    })
  })
  it.each([
    [{ partitions: '1, x' }, /Partitions/],
    [{ from: 'offset' as const, startOffset: '-1' }, /offset/],
    [{ from: 'timestamp' as const, time: null }, /date/],
    [{ from: 'group' as const, group: ' ' }, /group/],
  ])('refuses %j', (patch, message) => {
    expect(toScanRequest({ ...DEFAULT_STATE, ...patch })).toEqual({ error: expect.stringMatching(message) })
  })
  it('builds partitions, start and filter', () => {
    const r = toScanRequest({ ...DEFAULT_STATE, partitions: '2,0,2', from: 'group', group: 'g', cel: ' true ' })
    expect(r).toMatchObject({
      request: { partitions: [2, 0], start: { from: 'group', groupId: 'g' }, filter: { cel: 'true' } },
    })
  })
})

it('datetime-local round-trips to the second', () => {
  const ms = 1_700_000_123_000
  expect(fromDatetimeLocal(toDatetimeLocal(ms))).toBe(ms)
  expect(fromDatetimeLocal('')).toBeNull()
})

it('copies a message as JSON with parsed values', () => {
  const text = messageAsJson({
    partition: 1,
    offset: '5',
    timestamp: 1,
    timestampType: 'CreateTime',
    key: { format: 'text', text: 'k' },
    value: { format: 'json', text: '{"a":1}', json: { a: 1 } },
    headers: [{ key: 'h', value: { text: 'v' } }],
  })
  expect(JSON.parse(text)).toEqual({
    partition: 1,
    offset: '5',
    timestamp: 1,
    timestampType: 'CreateTime',
    key: 'k',
    value: { a: 1 },
    headers: { h: 'v' },
  })
})
