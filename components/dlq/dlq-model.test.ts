import { describe, expect, it } from 'vitest'
import { explorerStateFromQuery } from '@/components/messages/explorer-model'
import type { DeadLetterRow } from '@/lib/dlq/api-types'
import {
  ageMs,
  asDecodedMessage,
  dlqExplorerHref,
  editableValueOf,
  explorerQueryFromParams,
  explorerQueryToParams,
  isoOfLocalInput,
  localInputOf,
  rangeProblem,
  rowKey,
  selectionOf,
  sourceMessageHref,
  trendRows,
} from './dlq-model'

const row = (dlqTopic: string, partition: number, offset: string): DeadLetterRow => ({
  dlqTopic,
  partition,
  offset,
  timestamp: '2026-01-01T00:00:00Z',
  status: 'pending',
  style: 'spring',
  source: {},
  error: { fingerprint: 'f' },
  replayCount: 0,
})

describe('explorer URL', () => {
  it('round-trips the filters and drops an unknown status', () => {
    const query = { topic: 'orders.dlq', status: 'pending' as const, cel: 'dlq.attempts > 1', fingerprint: 'ab12' }
    expect(explorerQueryFromParams(explorerQueryToParams(query))).toEqual(query)
    expect(explorerQueryFromParams(new URLSearchParams('status=lost&text=x'))).toEqual({ text: 'x' })
    expect(explorerQueryFromParams({ topic: ['a', 'b'], errorType: '' })).toEqual({ topic: 'a' })
  })

  it('links the explorer filtered to one DLQ', () => {
    expect(dlqExplorerHref('demo', { topic: 'payments.DLT' })).toBe('/clusters/demo/dlq/messages?topic=payments.DLT')
    expect(dlqExplorerHref('demo')).toBe('/clusters/demo/dlq/messages')
  })

  it('links a source record the way the message explorer reads its permalink', () => {
    const href = sourceMessageHref('demo', 'orders.order-created', 3, '120')
    expect(href.startsWith('/clusters/demo/topics/orders.order-created?')).toBe(true)
    const state = explorerStateFromQuery(new URLSearchParams(href.split('?')[1]))
    expect(state).toMatchObject({
      partitions: '3',
      from: 'offset',
      startOffset: '120',
      selected: { partition: 3, offset: '120' },
    })
  })
})

describe('trend rows', () => {
  const hourly = Array.from({ length: 30 }, (_, i) => ({
    hour: new Date(Date.UTC(2026, 0, 1, i)).toISOString(),
    inflow: i,
    outflow: 0,
    pending: i,
  })).reverse()
  it('sorts oldest first and keeps the last 24 for 24 h', () => {
    const rows = trendRows(hourly, '24h')
    expect(rows).toHaveLength(24)
    expect(rows[0]?.inflow).toBe(6)
    expect(rows.at(-1)?.inflow).toBe(29)
    expect(trendRows(hourly, '7d')).toHaveLength(30)
  })
})

describe('selection', () => {
  const rows = [row('a.DLT', 0, '1'), row('a.DLT', 1, '5'), row('b.dlq', 0, '1')]
  it('picked records, one request per DLQ topic', () => {
    expect(selectionOf({ kind: 'rows', keys: new Set([rowKey(rows[0]!), rowKey(rows[1]!)]) }, rows, {})).toEqual({
      targets: [
        {
          dlqTopic: 'a.DLT',
          selection: {
            kind: 'records',
            records: [
              { partition: 0, offset: '1' },
              { partition: 1, offset: '5' },
            ],
          },
          count: 2,
        },
      ],
      count: 2,
    })
    const across = selectionOf({ kind: 'rows', keys: new Set(rows.map(rowKey)) }, rows, {})
    expect('targets' in across && across.targets.map((t) => [t.dlqTopic, t.count])).toEqual([
      ['a.DLT', 2],
      ['b.dlq', 1],
    ])
  })
  it('"all matching": the filter on the chosen topic, or on every known DLQ topic; nothing picked is refused', () => {
    expect(selectionOf({ kind: 'rows', keys: new Set() }, rows, {})).toHaveProperty('error')
    expect(selectionOf({ kind: 'matching' }, rows, {})).toHaveProperty('error')
    expect(selectionOf({ kind: 'matching' }, rows, { topic: 'b.dlq', status: 'pending' })).toEqual({
      targets: [
        { dlqTopic: 'b.dlq', selection: { kind: 'filter', query: { topic: 'b.dlq', status: 'pending' } }, count: null },
      ],
      count: null,
    })
    const everywhere = selectionOf({ kind: 'matching' }, rows, { status: 'pending' }, ['z.dlq', 'a.DLT'])
    expect('targets' in everywhere && everywhere.targets.map((t) => t.selection)).toEqual([
      { kind: 'filter', query: { status: 'pending', topic: 'a.DLT' } },
      { kind: 'filter', query: { status: 'pending', topic: 'z.dlq' } },
    ])
  })
})

describe('detail helpers', () => {
  it('ages', () => {
    expect(ageMs('2026-01-01T00:00:10Z', Date.parse('2026-01-01T00:01:10Z'))).toBe(60_000)
    expect(ageMs(undefined, 0)).toBeNull()
    expect(ageMs('nope', 0)).toBeNull()
  })
  it('reads the decoded message and its editable value', () => {
    const value = { format: 'json' as const, text: '{"a":1}', json: { a: 1 }, base64: '', size: 7 }
    const message = { partition: 0, offset: '1', timestamp: 0, key: value, value, headers: [] }
    expect(asDecodedMessage(message)).toBe(message)
    expect(asDecodedMessage({ value: 1 })).toBeNull()
    expect(editableValueOf(asDecodedMessage(message))).toEqual({ value: '{"a":1}', isJson: true })
    expect(editableValueOf(null)).toBeUndefined()
  })
})

describe('custom time range', () => {
  it('round-trips a datetime-local value through ISO, in local time', () => {
    const iso = isoOfLocalInput('2026-11-26T09:45')
    expect(iso).toBe(new Date(2026, 10, 26, 9, 45).toISOString())
    expect(localInputOf(iso)).toBe('2026-11-26T09:45')
    expect(isoOfLocalInput('')).toBeUndefined()
    expect(isoOfLocalInput('not a time')).toBeUndefined()
    expect(localInputOf(undefined)).toBe('')
  })

  it('refuses a range that ends before it starts', () => {
    expect(rangeProblem('2026-11-26T10:00:00.000Z', '2026-11-26T09:00:00.000Z')).toMatch(/after/)
    expect(rangeProblem('2026-11-26T09:00:00.000Z', '2026-11-26T10:00:00.000Z')).toBeNull()
    expect(rangeProblem(undefined, '2026-11-26T10:00:00.000Z')).toBeNull()
  })
})
