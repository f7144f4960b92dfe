import { describe, expect, it } from 'vitest'
import type { DeadLetterQuery } from '../api-types'
import { DeadLetterColumns, Interner } from '../index/columns'
import {
  compareNewestFirst,
  decodeCursor,
  encodeCursor,
  type FilterContext,
  type FilterResolution,
  forEachMatch,
  rowOf,
  sortKeyOf,
} from './filter-rows'

const T0 = Date.parse('2026-03-10T00:00:00Z')

function contextOf(): FilterContext {
  const topicNames = new Interner()
  const errorTypes = new Interner()
  const fingerprints = new Interner()
  topicNames.idOf('payments') // 0
  errorTypes.idOf('java.lang.NullPointerException') // 0
  errorTypes.idOf('com.acme.CurrencyException') // 1
  fingerprints.idOf('fp-npe') // 0
  fingerprints.idOf('fp-currency') // 1
  const columns = new DeadLetterColumns()
  for (let o = 0; o < 6; o++) {
    columns.push({
      offset: o,
      timestamp: T0 + o * 1_000,
      // Offsets 4 and 5 have no source header: the DLQ name's source applies.
      sourceTopicId: o < 4 ? 0 : -1,
      sourcePartition: o < 4 ? 2 : -1,
      sourceOffset: o < 4 ? 100 + o : -1,
      fingerprintId: o % 2,
      errorTypeId: o % 2,
      attempts: o === 1 ? 3 : -1,
      replayCount: o === 2 ? 1 : 0,
      style: 0,
    })
  }
  const resolved = new Map<number, FilterResolution>([
    [1, { status: 'replayed', at: new Date(T0).toISOString(), atMs: T0, by: 'me', replayCount: 2 }],
    [3, { status: 'discarded', at: new Date(T0).toISOString(), atMs: T0, by: 'me', replayCount: 0 }],
  ])
  return {
    topics: [{ topic: 'orders.DLT', sourceTopic: 'orders', partitions: [{ partition: 0, columns }] }],
    topicNames,
    errorTypes,
    fingerprints,
    groups: [
      { type: 'java.lang.NullPointerException', message: 'Cannot invoke "String.isBlank()"' },
      { type: 'com.acme.CurrencyException', message: 'Currency <n> is not supported' },
    ],
    resolutionsOf: (_t, p) => (p === 0 ? resolved : undefined),
  }
}

const offsetsOf = (q: DeadLetterQuery) => {
  const out: number[] = []
  forEachMatch(contextOf(), q, (m) => out.push(m.p.columns.offset[m.i] as number))
  return out
}

describe('forEachMatch', () => {
  it('filters by topic, status, error type, fingerprint and time', () => {
    expect(offsetsOf({})).toEqual([0, 1, 2, 3, 4, 5])
    expect(offsetsOf({ topic: 'other' })).toEqual([])
    expect(offsetsOf({ status: 'pending' })).toEqual([0, 2, 4, 5])
    expect(offsetsOf({ status: 'replayed' })).toEqual([1])
    expect(offsetsOf({ errorType: 'com.acme.CurrencyException' })).toEqual([1, 3, 5])
    expect(offsetsOf({ errorType: 'unknown' })).toEqual([])
    expect(offsetsOf({ fingerprint: 'fp-npe', status: 'pending' })).toEqual([0, 2, 4])
    expect(offsetsOf({ from: String(T0 + 2_000), to: new Date(T0 + 4_000).toISOString() })).toEqual([2, 3, 4])
  })

  it('filters by source topic: the header first, else the name', () => {
    expect(offsetsOf({ sourceTopic: 'payments' })).toEqual([0, 1, 2, 3])
    expect(offsetsOf({ sourceTopic: 'orders' })).toEqual([4, 5])
    expect(offsetsOf({ sourceTopic: 'nowhere' })).toEqual([])
  })

  it('finds free text in the error type or message, case-insensitively', () => {
    expect(offsetsOf({ text: 'isblank' })).toEqual([0, 2, 4])
    expect(offsetsOf({ text: 'currencyexception' })).toEqual([1, 3, 5])
  })
})

describe('rows and cursors', () => {
  it('builds a row from the columns and the resolution', () => {
    const ctx = contextOf()
    const rows: ReturnType<typeof rowOf>[] = []
    forEachMatch(ctx, {}, (m) => rows.push(rowOf(ctx, m)))
    expect(rows[1]).toMatchObject({
      dlqTopic: 'orders.DLT',
      offset: '1',
      status: 'replayed',
      resolution: { status: 'replayed', by: 'me', replayCount: 2 },
      source: { topic: 'payments', partition: 2, offset: '101' },
      error: { type: 'com.acme.CurrencyException', fingerprint: 'fp-currency' },
      attempts: 3,
      replayCount: 2,
    })
    expect(rows[1]?.resolution).not.toHaveProperty('atMs')
    expect(rows[2]).toMatchObject({ status: 'pending', replayCount: 1, attempts: undefined })
    expect(rows[4]?.source).toEqual({ topic: 'orders', partition: undefined, offset: undefined })
  })

  it('orders newest first and round-trips the keyset cursor', () => {
    const ctx = contextOf()
    const keys: ReturnType<typeof sortKeyOf>[] = []
    forEachMatch(ctx, {}, (m) => keys.push(sortKeyOf(m)))
    const sorted = [...keys].sort(compareNewestFirst)
    expect(sorted.map((k) => k.offset)).toEqual([5, 4, 3, 2, 1, 0])
    const k = sorted[2]
    expect(k && decodeCursor(encodeCursor(k))).toEqual(k)
    expect(decodeCursor('not-a-cursor')).toBeNull()
  })
})
