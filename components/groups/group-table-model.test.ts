import { describe, expect, it } from 'vitest'
import type { GroupRow } from '@/lib/groups/types'
import {
  filterGroupRows,
  groupHref,
  groupSearchToQuery,
  isFiltered,
  nextSort,
  parseGroupSearch,
  sortGroupRows,
  stateOptions,
  summarizeTopics,
  toGroupTableRows,
  typeCounts,
} from './group-table-model'

function group(groupId: string, over: Partial<GroupRow> = {}): GroupRow {
  return {
    groupId,
    type: 'classic',
    protocolType: 'consumer',
    state: 'Stable',
    members: 1,
    topics: ['orders'],
    totalLag: '0',
    maxLagMs: null,
    verdict: 'OK',
    verdictReason: null,
    sparkline: [],
    ...over,
  }
}

const ids = (rows: ReturnType<typeof toGroupTableRows>) => rows.map((r) => r.group.groupId)
const none = { q: '', type: '', state: '', verdict: '' } as const

describe('parseGroupSearch', () => {
  it('reads q, type, state, sort and dir', () => {
    expect(parseGroupSearch(new URLSearchParams('q=bill&type=consumer&state=Stable&sort=totalLag&dir=desc'))).toEqual({
      q: 'bill',
      type: 'consumer',
      state: 'Stable',
      verdict: '',
      sort: 'totalLag',
      dir: 'desc',
    })
  })

  // A shared link that was hand-edited must still open the page.
  it('falls back to defaults on missing or bad values', () => {
    const defaults = { q: '', type: '', state: '', verdict: '', sort: 'groupId', dir: 'asc' }
    expect(parseGroupSearch({})).toEqual(defaults)
    expect(parseGroupSearch({ type: 'kip848', state: '<script>', verdict: 'BAD', sort: 'size', dir: 'up' })).toEqual(
      defaults,
    )
  })

  it('accepts state names it does not know yet', () => {
    expect(parseGroupSearch({ state: 'ShinyNewState' }).state).toBe('ShinyNewState')
  })

  it('takes the first of repeated params', () => {
    expect(parseGroupSearch({ q: ['a', 'b'], type: ['share', 'classic'] })).toMatchObject({ q: 'a', type: 'share' })
  })
})

describe('groupSearchToQuery', () => {
  it('omits defaults', () => {
    expect(groupSearchToQuery({ ...none, sort: 'groupId', dir: 'asc' })).toBe('')
    expect(
      groupSearchToQuery({
        q: 'a b',
        type: 'streams',
        state: 'Empty',
        verdict: 'STALLED',
        sort: 'groupId',
        dir: 'asc',
      }),
    ).toBe('q=a+b&type=streams&state=Empty&verdict=STALLED')
    expect(groupSearchToQuery({ ...none, sort: 'maxLagMs', dir: 'desc' })).toBe('sort=maxLagMs&dir=desc')
  })

  it('round-trips through parseGroupSearch', () => {
    const state = { q: 'x', type: 'classic', state: 'Dead', verdict: 'WARNING', sort: 'members', dir: 'asc' } as const
    expect(parseGroupSearch(new URLSearchParams(groupSearchToQuery(state)))).toEqual(state)
  })
})

describe('groupHref', () => {
  it('encodes ids with slashes and spaces', () => {
    expect(groupHref('prod', 'team/a b')).toBe('/clusters/prod/groups/team%2Fa%20b')
  })
})

describe('nextSort', () => {
  it('flips the current column; text starts A→Z, numbers biggest-first', () => {
    const base = { sort: 'groupId', dir: 'asc' } as const
    expect(nextSort(base, 'groupId')).toEqual({ sort: 'groupId', dir: 'desc' })
    expect(nextSort(base, 'totalLag')).toEqual({ sort: 'totalLag', dir: 'desc' })
    expect(nextSort(base, 'maxLagMs')).toEqual({ sort: 'maxLagMs', dir: 'desc' })
    expect(nextSort(base, 'state')).toEqual({ sort: 'state', dir: 'asc' })
    expect(nextSort({ sort: 'members', dir: 'desc' }, 'members')).toEqual({ sort: 'members', dir: 'asc' })
  })
})

describe('filterGroupRows', () => {
  const rows = toGroupTableRows([
    group('billing'),
    group('Billing-Retry', { type: 'consumer', protocolType: 'consumer', state: 'Reconciling' }),
    group('connect-s3-sink', { protocolType: 'connect', state: 'Empty', totalLag: null }),
    group('payments', { type: 'share', protocolType: '', state: 'Empty' }),
  ])

  it('matches a case-insensitive substring of the group id', () => {
    expect(ids(filterGroupRows(rows, { ...none, q: 'BILLING' }))).toEqual(['billing', 'Billing-Retry'])
    expect(ids(filterGroupRows(rows, { ...none, q: '  retry ' }))).toEqual(['Billing-Retry'])
  })

  it('filters by type and by state, combined with the search', () => {
    expect(ids(filterGroupRows(rows, { ...none, type: 'classic' }))).toEqual(['billing', 'connect-s3-sink'])
    expect(ids(filterGroupRows(rows, { ...none, state: 'Empty' }))).toEqual(['connect-s3-sink', 'payments'])
    expect(ids(filterGroupRows(rows, { ...none, q: 'pay', type: 'share', state: 'Empty' }))).toEqual(['payments'])
    expect(filterGroupRows(rows, { ...none, q: 'bill', type: 'share' })).toEqual([])
  })

  it('filters by verdict', () => {
    const judged = toGroupTableRows([
      group('a', { verdict: 'STALLED' }),
      group('b', { verdict: 'OK' }),
      group('c', { verdict: null }),
    ])
    expect(ids(filterGroupRows(judged, { ...none, verdict: 'STALLED' }))).toEqual(['a'])
    expect(isFiltered({ ...none, verdict: 'OK' })).toBe(true)
    // Worst first when sorted ascending; groups without a verdict last.
    expect(ids(sortGroupRows(judged, 'verdict', 'asc'))).toEqual(['a', 'b', 'c'])
    expect(ids(sortGroupRows(judged, 'verdict', 'desc'))).toEqual(['b', 'a', 'c'])
  })

  it('returns everything without a filter', () => {
    expect(filterGroupRows(rows, none)).toHaveLength(4)
    expect(isFiltered(none)).toBe(false)
    expect(isFiltered({ ...none, q: ' ' })).toBe(false)
    expect(isFiltered({ ...none, state: 'Dead' })).toBe(true)
  })
})

describe('sortGroupRows', () => {
  it('sorts ids naturally', () => {
    const rows = toGroupTableRows([group('g-10'), group('g-2'), group('G-1')])
    expect(ids(sortGroupRows(rows, 'groupId', 'asc'))).toEqual(['G-1', 'g-2', 'g-10'])
    expect(ids(sortGroupRows(rows, 'groupId', 'desc'))).toEqual(['g-10', 'g-2', 'G-1'])
  })

  // Number() would make the first two equal (both round to 2^63): the sort must compare the exact values.
  it('sorts total lag as exact int64, groups without lag last', () => {
    const rows = toGroupTableRows([
      group('a', { totalLag: '9223372036854775806' }),
      group('b', { totalLag: '9223372036854775807' }),
      group('connect', { protocolType: 'connect', totalLag: null }),
      group('c', { totalLag: '5' }),
    ])
    expect(ids(sortGroupRows(rows, 'totalLag', 'desc'))).toEqual(['b', 'a', 'c', 'connect'])
    expect(ids(sortGroupRows(rows, 'totalLag', 'asc'))).toEqual(['c', 'a', 'b', 'connect'])
  })

  it('sorts lag in time with unknown last', () => {
    const rows = toGroupTableRows([
      group('slow', { maxLagMs: 3_600_000 }),
      group('none', { maxLagMs: null }),
      group('fast', { maxLagMs: 1_200 }),
    ])
    expect(ids(sortGroupRows(rows, 'maxLagMs', 'desc'))).toEqual(['slow', 'fast', 'none'])
    expect(ids(sortGroupRows(rows, 'maxLagMs', 'asc'))).toEqual(['fast', 'slow', 'none'])
  })

  it('sorts states healthy first, then rebalancing, idle, gone', () => {
    const rows = toGroupTableRows([
      group('dead', { state: 'Dead' }),
      group('empty', { state: 'Empty' }),
      group('moving', { state: 'PreparingRebalance' }),
      group('ok', { state: 'Stable' }),
    ])
    expect(ids(sortGroupRows(rows, 'state', 'asc'))).toEqual(['ok', 'moving', 'empty', 'dead'])
  })

  it('sorts by type label, so "classic · connect" sits apart from classic consumers', () => {
    const rows = toGroupTableRows([
      group('k', { type: 'consumer' }),
      group('c2', { protocolType: 'connect' }),
      group('c1'),
      group('s', { type: 'share', protocolType: '' }),
    ])
    expect(ids(sortGroupRows(rows, 'type', 'asc'))).toEqual(['c1', 'c2', 'k', 's'])
  })

  it('sorts by topics A→Z, groups without topics last; ties by id; input untouched', () => {
    const input = toGroupTableRows([
      group('b', { topics: ['payments'] }),
      group('none', { topics: [] }),
      group('a', { topics: ['payments'] }),
      group('z', { topics: ['refunds', 'audit'] }),
    ])
    expect(ids(sortGroupRows(input, 'topics', 'asc'))).toEqual(['z', 'a', 'b', 'none'])
    expect(ids(input)).toEqual(['b', 'none', 'a', 'z'])
  })

  it('stays fast for 2,000 groups', () => {
    const many = toGroupTableRows(
      Array.from({ length: 2000 }, (_, i) =>
        group(`group-${i}`, { totalLag: String(i * 7919), maxLagMs: i * 13, members: i % 7 }),
      ),
    )
    const t0 = performance.now()
    sortGroupRows(many, 'totalLag', 'desc')
    sortGroupRows(many, 'state', 'asc')
    filterGroupRows(many, { ...none, q: 'group-19' })
    expect(performance.now() - t0).toBeLessThan(200)
  })
})

describe('stateOptions and typeCounts', () => {
  const rows = toGroupTableRows([
    group('a', { state: 'Empty' }),
    group('b'),
    group('c'),
    group('d', { type: 'consumer', state: 'Reconciling' }),
  ])

  it('lists present states in reading order with counts, keeping the selected one', () => {
    expect(stateOptions(rows, '')).toEqual([
      { state: 'Stable', count: 2 },
      { state: 'Reconciling', count: 1 },
      { state: 'Empty', count: 1 },
    ])
    expect(stateOptions(rows, 'Dead').map((o) => o.state)).toEqual(['Stable', 'Reconciling', 'Empty', 'Dead'])
  })

  it('counts groups per type', () => {
    expect(Object.fromEntries(typeCounts(rows))).toEqual({ classic: 3, consumer: 1 })
  })
})

describe('summarizeTopics', () => {
  it('shows the first two A→Z and how many more', () => {
    expect(summarizeTopics(['b', 'a', 'd', 'c'])).toEqual({ head: ['a', 'b'], more: 2 })
    expect(summarizeTopics(['only'])).toEqual({ head: ['only'], more: 0 })
    expect(summarizeTopics([])).toEqual({ head: [], more: 0 })
  })
})
