import { describe, expect, it } from 'vitest'
import { murmur2Partition } from './murmur2'
import { TokenBucket } from './token-bucket'

describe('murmur2Partition', () => {
  it('matches the Java client (Utils.toPositive(Utils.murmur2(key)) % n)', () => {
    // Values from Kafka's own DefaultPartitionerTest / Utils.murmur2 test vectors.
    expect(murmur2Partition(Buffer.from('21'), 0x7fffffff)).toBe(-973932308 & 0x7fffffff)
    expect(murmur2Partition(Buffer.from('foobar'), 0x7fffffff)).toBe(-790332482 & 0x7fffffff)
    expect(murmur2Partition(Buffer.from('a-little-bit-long-string'), 0x7fffffff)).toBe(-985981536 & 0x7fffffff)
  })
})

describe('TokenBucket', () => {
  it('waits so the average rate holds', () => {
    let t = 0
    const bucket = new TokenBucket(100, () => t)
    expect(bucket.take(1)).toBe(0)
    expect(bucket.take(50)).toBe(500)
    t = 500
    expect(bucket.take(10)).toBe(100)
  })
})
