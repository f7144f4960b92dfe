import { describe, expect, it } from 'vitest'
import type { TopicSummary } from '@/lib/topics/types'
import {
  filterTopicRows,
  formatRetention,
  nextSort,
  parseTopicSearch,
  sortTopicRows,
  topicSearchToQuery,
  toTopicRows,
} from './topic-table-model'

function topic(name: string, over: Partial<TopicSummary> = {}): TopicSummary {
  return {
    name,
    internal: name.startsWith('__'),
    partitions: 1,
    replicationFactor: 1,
    underReplicatedPartitions: 0,
    offlinePartitions: 0,
    messageCount: '0',
    retentionMs: '604800000',
    retentionBytes: '-1',
    cleanupPolicy: 'delete',
    ...over,
  }
}

const names = (rows: ReturnType<typeof toTopicRows>) => rows.map((r) => r.topic.name)

describe('parseTopicSearch', () => {
  it('reads q, internal, sort and dir', () => {
    expect(parseTopicSearch(new URLSearchParams('q=Orders&internal=1&sort=messages&dir=desc'))).toEqual({
      q: 'Orders',
      internal: true,
      sort: 'messages',
      dir: 'desc',
    })
  })

  // A shared link that was hand-edited must still open the page.
  it('falls back to defaults on missing or bad values', () => {
    expect(parseTopicSearch({})).toEqual({ q: '', internal: false, sort: 'name', dir: 'asc' })
    expect(parseTopicSearch({ internal: 'yes', sort: 'size', dir: 'up' })).toEqual({
      q: '',
      internal: false,
      sort: 'name',
      dir: 'asc',
    })
  })

  it('takes the first of repeated params', () => {
    expect(parseTopicSearch({ q: ['a', 'b'], internal: ['1', '0'] })).toMatchObject({ q: 'a', internal: true })
  })
})

describe('topicSearchToQuery', () => {
  it('omits defaults', () => {
    expect(topicSearchToQuery({ q: '', internal: false, sort: 'name', dir: 'asc' })).toBe('')
    expect(topicSearchToQuery({ q: 'a b', internal: true, sort: 'name', dir: 'asc' })).toBe('q=a+b&internal=1')
    expect(topicSearchToQuery({ q: '', internal: false, sort: 'messages', dir: 'desc' })).toBe('sort=messages&dir=desc')
  })

  it('round-trips through parseTopicSearch', () => {
    const state = { q: 'x', internal: true, sort: 'retention', dir: 'asc' } as const
    expect(parseTopicSearch(new URLSearchParams(topicSearchToQuery(state)))).toEqual(state)
  })
})

describe('nextSort', () => {
  const base = { q: '', internal: false, sort: 'name', dir: 'asc' } as const
  it('flips the current column and starts numbers biggest-first', () => {
    expect(nextSort(base, 'name')).toEqual({ sort: 'name', dir: 'desc' })
    expect(nextSort(base, 'messages')).toEqual({ sort: 'messages', dir: 'desc' })
    expect(nextSort(base, 'cleanupPolicy')).toEqual({ sort: 'cleanupPolicy', dir: 'asc' })
  })
})

describe('filterTopicRows', () => {
  const rows = toTopicRows([topic('orders'), topic('Orders-DLQ'), topic('payments'), topic('__consumer_offsets')])

  it('matches a case-insensitive substring', () => {
    expect(names(filterTopicRows(rows, 'ORDERS', false))).toEqual(['orders', 'Orders-DLQ'])
    expect(names(filterTopicRows(rows, '  dlq ', false))).toEqual(['Orders-DLQ'])
  })

  it('hides internal topics unless asked', () => {
    expect(names(filterTopicRows(rows, '', false))).not.toContain('__consumer_offsets')
    expect(names(filterTopicRows(rows, 'consumer', true))).toEqual(['__consumer_offsets'])
    expect(filterTopicRows(rows, '', true)).toHaveLength(4)
  })
})

describe('sortTopicRows', () => {
  it('sorts names naturally', () => {
    const rows = toTopicRows([topic('t-10'), topic('t-2'), topic('T-1')])
    expect(names(sortTopicRows(rows, 'name', 'asc'))).toEqual(['T-1', 't-2', 't-10'])
    expect(names(sortTopicRows(rows, 'name', 'desc'))).toEqual(['t-10', 't-2', 'T-1'])
  })

  // Number() would make these two equal (both round to 2^63): the sort must compare the exact values.
  it('sorts message counts as exact int64', () => {
    const rows = toTopicRows([
      topic('a', { messageCount: '9223372036854775806' }),
      topic('b', { messageCount: '9223372036854775807' }),
      topic('c', { messageCount: '5' }),
    ])
    expect(names(sortTopicRows(rows, 'messages', 'desc'))).toEqual(['b', 'a', 'c'])
    expect(names(sortTopicRows(rows, 'messages', 'asc'))).toEqual(['c', 'a', 'b'])
  })

  it('puts unlimited retention above any finite value and unknown last', () => {
    const rows = toTopicRows([
      topic('week', { retentionMs: '604800000' }),
      topic('forever', { retentionMs: '-1' }),
      topic('unknown', { retentionMs: null }),
      topic('hour', { retentionMs: '3600000' }),
    ])
    expect(names(sortTopicRows(rows, 'retention', 'desc'))).toEqual(['forever', 'week', 'hour', 'unknown'])
    expect(names(sortTopicRows(rows, 'retention', 'asc'))).toEqual(['hour', 'week', 'forever', 'unknown'])
  })

  it('breaks ties by name and leaves the input untouched', () => {
    const input = toTopicRows([topic('b', { partitions: 3 }), topic('a', { partitions: 3 }), topic('c')])
    expect(names(sortTopicRows(input, 'partitions', 'desc'))).toEqual(['a', 'b', 'c'])
    expect(names(input)).toEqual(['b', 'a', 'c'])
  })

  it('sorts by under-replicated plus offline partitions', () => {
    const rows = toTopicRows([
      topic('ok'),
      topic('urp', { underReplicatedPartitions: 2 }),
      topic('down', { offlinePartitions: 1, underReplicatedPartitions: 3 }),
    ])
    expect(names(sortTopicRows(rows, 'underReplicated', 'desc'))).toEqual(['down', 'urp', 'ok'])
  })

  it('stays fast for 5,000 topics', () => {
    const many = toTopicRows(
      Array.from({ length: 5000 }, (_, i) => topic(`topic-${i}`, { messageCount: String(i * 7919) })),
    )
    const t0 = performance.now()
    sortTopicRows(many, 'messages', 'desc')
    filterTopicRows(many, 'topic-4', false)
    expect(performance.now() - t0).toBeLessThan(200)
  })
})

describe('formatRetention', () => {
  it('shows time, and the size limit when one is set', () => {
    expect(formatRetention({ retentionMs: '604800000', retentionBytes: '-1' })).toBe('7 d')
    expect(formatRetention({ retentionMs: '-1', retentionBytes: null })).toBe('∞')
    expect(formatRetention({ retentionMs: '3600000', retentionBytes: '1073741824' })).toBe('1 h · 1 GiB')
    expect(formatRetention({ retentionMs: null, retentionBytes: null })).toBe('—')
  })
})
