import { describe, expect, it } from 'vitest'
import { DeadLetterColumns, type IndexEntry, Interner } from './columns'

const entry = (offset: number, over: Partial<IndexEntry> = {}): IndexEntry => ({
  offset,
  timestamp: 1_000 + offset,
  sourceTopicId: 0,
  sourcePartition: 1,
  sourceOffset: offset * 10,
  fingerprintId: offset % 2,
  errorTypeId: -1,
  attempts: -1,
  replayCount: 0,
  style: 0,
  ...over,
})

describe('DeadLetterColumns', () => {
  it('grows past its initial capacity and keeps every column', () => {
    const c = new DeadLetterColumns()
    for (let o = 0; o < 1_000; o++) c.push(entry(o * 2))
    expect(c.length).toBe(1_000)
    expect(c.offset[999]).toBe(1_998)
    expect(c.sourceOffset[10]).toBe(200)
    expect(c.fingerprint[3]).toBe(0)
    expect(c.errorType[3]).toBe(-1)
    expect(c.bytes).toBeLessThan(1_024 * 50 * 2) // ~50 B a record, capacity at most twice the length
  })

  it('finds offsets by binary search (gaps from compaction or transaction markers)', () => {
    const c = new DeadLetterColumns()
    for (const o of [3, 5, 9, 10]) c.push(entry(o))
    expect(c.indexOf(9)).toBe(2)
    expect(c.indexOf(4)).toBe(-1)
    expect(c.lowerBound(4)).toBe(1)
    expect(c.lowerBound(11)).toBe(4)
  })

  it('drops what retention deleted below the new log start', () => {
    const c = new DeadLetterColumns()
    for (let o = 0; o < 10; o++) c.push(entry(o))
    expect(c.dropBelow(6)).toBe(6)
    expect(c.length).toBe(4)
    expect([...c.offset.subarray(0, c.length)]).toEqual([6, 7, 8, 9])
    expect(c.timestamp[0]).toBe(1_006)
    expect(c.dropBelow(2)).toBe(0)
  })

  it('caps the replay count at 65,535 (16-bit column)', () => {
    const c = new DeadLetterColumns()
    c.push(entry(0, { replayCount: 1e6 }))
    expect(c.replayCount[0]).toBe(65_535)
  })
})

describe('Interner', () => {
  it('gives each distinct string one id', () => {
    const i = new Interner()
    expect(i.idOf('a')).toBe(0)
    expect(i.idOf('b')).toBe(1)
    expect(i.idOf('a')).toBe(0)
    expect(i.find('c')).toBe(-1)
    expect(i.valueOf(1)).toBe('b')
    expect(i.valueOf(-1)).toBeUndefined()
  })
})
