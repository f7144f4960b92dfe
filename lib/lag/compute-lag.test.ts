import { describe, expect, it } from 'vitest'
import { computePartitionLags, lagOf, lagSummaryOf, totalLagOf, type Watermarks } from './compute-lag'

const marks = (entries: [string, [number, string, string][]][]): Watermarks =>
  new Map(entries.map(([t, ps]) => [t, ps.map(([partition, low, high]) => ({ partition, low, high }))]))

describe('computePartitionLags', () => {
  it('subtracts the committed offset from the high watermark', () => {
    const lags = computePartitionLags([{ topic: 'a', partition: 0, offset: '40' }], marks([['a', [[0, '0', '100']]]]))
    expect(lags).toEqual([
      {
        topic: 'a',
        partition: 0,
        committedOffset: '40',
        endOffset: '100',
        startOffset: '0',
        lag: '60',
        memberId: null,
        clientId: null,
      },
    ])
  })

  it('lists partitions without a commit with null offset and null lag', () => {
    const lags = computePartitionLags(
      [{ topic: 'a', partition: 1, offset: '5' }],
      marks([
        [
          'a',
          [
            [1, '0', '7'],
            [0, '0', '3'],
          ],
        ],
      ]),
    )
    expect(lags.map((p) => [p.partition, p.committedOffset, p.lag])).toEqual([
      [0, null, null],
      [1, '5', '2'],
    ])
  })

  it("treats Kafka's -1 as no commit", () => {
    const [p] = computePartitionLags([{ topic: 'a', partition: 0, offset: '-1' }], marks([['a', [[0, '0', '9']]]]))
    expect(p?.lag).toBeNull()
    expect(p?.committedOffset).toBeNull()
  })

  it('floors a commit beyond the end at 0', () => {
    const [p] = computePartitionLags([{ topic: 'a', partition: 0, offset: '120' }], marks([['a', [[0, '0', '100']]]]))
    expect(p?.lag).toBe('0')
    expect(p?.committedOffset).toBe('120')
  })

  it('drops topics deleted since the commit', () => {
    const lags = computePartitionLags(
      [
        { topic: 'gone', partition: 0, offset: '1' },
        { topic: 'a', partition: 0, offset: '1' },
      ],
      marks([['a', [[0, '0', '2']]]]),
    )
    expect(lags.map((p) => p.topic)).toEqual(['a'])
  })

  it('is exact above 2^53', () => {
    const [p] = computePartitionLags(
      [{ topic: 'a', partition: 0, offset: '9007199254740993' }],
      marks([['a', [[0, '9007199254740990', '9223372036854775807']]]]),
    )
    expect(p?.lag).toBe('9214364837600034814')
    expect(lagOf('1', '9007199254740995')).toBe('9007199254740994')
  })

  it('keeps a commit below the low watermark and reports the low watermark', () => {
    const [p] = computePartitionLags([{ topic: 'a', partition: 0, offset: '10' }], marks([['a', [[0, '50', '80']]]]))
    expect(p).toMatchObject({ committedOffset: '10', startOffset: '50', lag: '70' })
  })

  it('names the consuming member when one is given', () => {
    const [p] = computePartitionLags(
      [{ topic: 'a', partition: 0, offset: '1' }],
      marks([['a', [[0, '0', '1']]]]),
      new Map([['a\u00000', { memberId: 'm-1', clientId: 'c-1' }]]),
    )
    expect(p).toMatchObject({ memberId: 'm-1', clientId: 'c-1', lag: '0' })
  })
})

describe('totals', () => {
  it('sums lags exactly and counts partitions with lag', () => {
    const lags = computePartitionLags(
      [
        { topic: 'a', partition: 0, offset: '0' },
        { topic: 'a', partition: 1, offset: '0' },
        { topic: 'b', partition: 0, offset: '4' },
      ],
      marks([
        [
          'a',
          [
            [0, '0', '9007199254740993'],
            [1, '0', '9007199254740993'],
            [2, '0', '5'],
          ],
        ],
        ['b', [[0, '0', '4']]],
      ]),
    )
    expect(totalLagOf(lags)).toBe('18014398509481986')
    expect(lagSummaryOf('g', lags)).toEqual({
      groupId: 'g',
      totalLag: '18014398509481986',
      partitionsWithLag: 2,
      topics: ['a', 'b'],
    })
  })
})
