import { describe, expect, it } from 'vitest'
import { decodeSample, encodeSample } from './sample-codec'
import { sampleOf } from './test-samples'

describe('sample codec', () => {
  it('round-trips a sample compactly', () => {
    const s = sampleOf(1_700_000_000_000, [
      ['orders', 3, 12, 15, 1_500],
      ['orders', 4, null, 0, null],
    ])
    s.partitions[0] = { ...s.partitions[0], end: '9223372036854775807' } as (typeof s.partitions)[0]
    const text = encodeSample(s)
    expect(text).not.toMatch(/\s/)
    expect(decodeSample(text)).toEqual(s)
  })

  it('skips what is not a v1 sample', () => {
    for (const bad of [
      '',
      'nope',
      '{}',
      '{"v":2,"t":1,"g":"g","s":"","m":0,"p":[]}',
      '{"v":1,"t":1,"g":"g","s":"","m":0,"p":[["t",0,"x","1",null]]}',
    ]) {
      expect(decodeSample(bad)).toBeNull()
    }
  })
})
