import { describe, expect, it } from 'vitest'
import { planPurgeRows, totalDeleted } from './plan-purge-rows'

const marks = [
  { partition: 1, low: '5', high: '20' },
  { partition: 0, low: '0', high: '10' },
  { partition: 2, low: '7', high: '7' },
]

describe('planPurgeRows', () => {
  it('empties every partition up to its high watermark by default, sorted by partition', () => {
    const rows = planPurgeRows(marks, {})
    expect(rows).toEqual([
      { partition: 0, lowBefore: '0', highBefore: '10', target: '10', deleted: '10' },
      { partition: 1, lowBefore: '5', highBefore: '20', target: '20', deleted: '15' },
      { partition: 2, lowBefore: '7', highBefore: '7', target: '7', deleted: '0' },
    ])
    expect(totalDeleted(rows)).toBe('25')
  })

  it('deletes before an offset: clamped to the high watermark, nothing below the low one', () => {
    const rows = planPurgeRows(marks, { beforeOffset: '8' })
    expect(rows.map((r) => [r.partition, r.target, r.deleted])).toEqual([
      [0, '8', '8'],
      [1, '8', '3'],
      [2, '7', '0'],
    ])
    expect(planPurgeRows(marks, { beforeOffset: '999', partitions: [1] })).toEqual([
      { partition: 1, lowBefore: '5', highBefore: '20', target: '20', deleted: '15' },
    ])
    expect(planPurgeRows(marks, { beforeOffset: '2', partitions: [1] })[0]).toMatchObject({ target: '5', deleted: '0' })
  })

  it('keeps int64 offsets exact', () => {
    const big = [{ partition: 0, low: '9007199254740993', high: '9223372036854775807' }]
    expect(planPurgeRows(big, {})[0]?.deleted).toBe('9214364837600034814')
  })

  it('names partitions the topic does not have', () => {
    expect(() => planPurgeRows(marks, { partitions: [0, 7, 9] })).toThrow('The topic has no partition 7, 9')
  })
})
