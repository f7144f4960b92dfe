import { describe, expect, it } from 'vitest'
import { ApiError } from '@/lib/errors'
import { MAX_RESET_PARTITIONS, resolveScope } from './resolve-scope'

const partitionsOf = new Map([
  ['orders', [0, 1, 2]],
  ['payments', [0]],
])

describe('resolveScope', () => {
  it('a topic without partitions means all of its partitions, as --topic t does', () => {
    const { partitions } = resolveScope({ topics: [{ topic: 'orders' }] }, [], partitionsOf)
    expect(partitions).toEqual([0, 1, 2].map((partition) => ({ topic: 'orders', partition })))
  })

  it('named partitions only, deduplicated and sorted', () => {
    const { partitions } = resolveScope(
      { topics: [{ topic: 'payments' }, { topic: 'orders', partitions: [2, 0, 2] }] },
      [],
      partitionsOf,
    )
    expect(partitions).toEqual([
      { topic: 'orders', partition: 0 },
      { topic: 'orders', partition: 2 },
      { topic: 'payments', partition: 0 },
    ])
  })

  it('unknown topics and partitions are refused with their names', () => {
    const run = () =>
      resolveScope({ topics: [{ topic: 'nope' }, { topic: 'orders', partitions: [7] }] }, [], partitionsOf)
    expect(run).toThrow(ApiError)
    expect(run).toThrow(/topic "nope" does not exist; topic "orders" has no partition 7 \(it has 3\)/)
  })

  it('allCommittedTopics: exactly the committed partitions, as --all-topics; deleted topics are skipped', () => {
    const committed = [
      { topic: 'orders', partition: 1 },
      { topic: 'gone', partition: 0 },
    ]
    expect(resolveScope({ allCommittedTopics: true }, committed, partitionsOf)).toEqual({
      partitions: [{ topic: 'orders', partition: 1 }],
      skipped: [{ topic: 'gone', partition: 0, reason: 'the topic or partition no longer exists' }],
    })
  })

  it('bounds the number of partitions', () => {
    const huge = new Map([['big', Array.from({ length: MAX_RESET_PARTITIONS + 1 }, (_, i) => i)]])
    expect(() => resolveScope({ topics: [{ topic: 'big' }] }, [], huge)).toThrow(/at most 10000/)
  })
})
