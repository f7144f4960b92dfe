import { describe, expect, it } from 'vitest'
import { kafkaUuidOf, topicLogSizesOf } from './log-dir-sizes'

const dir = (logDir: string, topics: [string, [number, number, boolean?][]][]) => ({
  logDir,
  topics: topics.map(([name, ps]) => ({
    name,
    partitions: ps.map(([partitionIndex, size, isFutureKey = false]) => ({
      partitionIndex,
      partitionSize: BigInt(size),
      isFutureKey,
    })),
  })),
})

describe('topicLogSizesOf', () => {
  it('takes the largest replica per partition and sums per broker, ignoring other topics and future replicas', () => {
    const sizes = topicLogSizesOf('t', [
      {
        broker: 2,
        results: [
          dir('/d2', [
            [
              't',
              [
                [0, 100],
                [1, 50],
              ],
            ],
            ['other', [[0, 999]]],
          ]),
        ],
      },
      {
        broker: 1,
        results: [
          dir('/d1a', [['t', [[0, 90]]]]),
          dir('/d1b', [
            [
              't',
              [
                [1, 70],
                [1, 70, true],
              ],
            ],
          ]),
        ],
      },
      { broker: 3, results: [dir('/d3', [['other', [[0, 5]]]])] },
    ])
    expect(Object.fromEntries(sizes.byPartition)).toEqual({ 0: 100, 1: 70 })
    expect(sizes.byBroker).toEqual([
      { broker: 1, bytes: 160, partitions: 2, logDirs: ['/d1a', '/d1b'] },
      { broker: 2, bytes: 150, partitions: 2, logDirs: ['/d2'] },
    ])
  })
})

describe('kafkaUuidOf', () => {
  it('prints a topic id like Kafka does and treats the zero id as none', () => {
    expect(kafkaUuidOf('00000000-0000-0000-0000-000000000000')).toBeNull()
    // Kafka's Uuid.toString: URL-safe base64 without padding, 22 characters.
    expect(kafkaUuidOf('fb8bd5f3-2a4f-4b6e-9c1d-0123456789ab')).toBe('-4vV8ypPS26cHQEjRWeJqw')
  })
})
