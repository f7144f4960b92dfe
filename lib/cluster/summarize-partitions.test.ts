import { describe, expect, it } from 'vitest'
import { evaluatePartitionHealth, isInternalTopic } from './summarize-partitions'

const live = new Set([1, 2, 3])

describe('evaluatePartitionHealth', () => {
  it('is healthy with a live leader and every replica in sync', () => {
    expect(evaluatePartitionHealth({ partitionId: 0, leader: 1, replicas: [1, 2, 3], isr: [1, 2, 3] }, live)).toEqual({
      offline: false,
      underReplicated: false,
    })
  })
  it('is under-replicated when the ISR is smaller than the replica set', () => {
    expect(evaluatePartitionHealth({ partitionId: 0, leader: 1, replicas: [1, 2, 3], isr: [1, 2] }, live)).toEqual({
      offline: false,
      underReplicated: true,
    })
  })
  it('is offline without a leader (-1) or with a leader that is not a live broker', () => {
    expect(evaluatePartitionHealth({ partitionId: 0, leader: -1, replicas: [4], isr: [] }, live).offline).toBe(true)
    expect(evaluatePartitionHealth({ partitionId: 0, leader: 4, replicas: [4], isr: [4] }, live).offline).toBe(true)
  })
})

describe('isInternalTopic', () => {
  it.each([
    ['__consumer_offsets', true],
    ['__transaction_state', true],
    ['__share_group_state', true],
    ['_ferry.audit', true],
    ['_schemas', false],
    ['orders', false],
    ['orders__v2', false],
  ])('%s → %s', (name, expected) => {
    expect(isInternalTopic(name, '_ferry.')).toBe(expected)
  })
})
