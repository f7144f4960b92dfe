import { describe, expect, it } from 'vitest'
import { compareStates, groupStateTone, groupTypeLabel, groupTypeTone, isConsumerGroup } from './group-labels'

describe('groupTypeLabel', () => {
  it('names each type', () => {
    expect(groupTypeLabel({ type: 'classic', protocolType: 'consumer' })).toBe('classic')
    expect(groupTypeLabel({ type: 'consumer', protocolType: 'consumer' })).toBe('consumer (KIP-848)')
    expect(groupTypeLabel({ type: 'share', protocolType: 'share' })).toBe('share')
    expect(groupTypeLabel({ type: 'streams', protocolType: 'streams' })).toBe('streams')
    expect(groupTypeLabel({ type: 'unknown', protocolType: '' })).toBe('unknown')
  })

  // Kafka Connect workers form a classic group with protocol type "connect": not a consumer group.
  it('labels a classic group with another protocol type by that protocol', () => {
    expect(groupTypeLabel({ type: 'classic', protocolType: 'connect' })).toBe('classic · connect')
    expect(isConsumerGroup({ type: 'classic', protocolType: 'connect' })).toBe(false)
  })

  it('treats classic "consumer" and offsets-only ("") groups and KIP-848 groups as consumers', () => {
    expect(isConsumerGroup({ type: 'classic', protocolType: 'consumer' })).toBe(true)
    expect(isConsumerGroup({ type: 'classic', protocolType: '' })).toBe(true)
    expect(groupTypeLabel({ type: 'classic', protocolType: '' })).toBe('classic')
    expect(isConsumerGroup({ type: 'consumer', protocolType: 'consumer' })).toBe(true)
    expect(isConsumerGroup({ type: 'share', protocolType: 'share' })).toBe(false)
  })

  it('highlights KIP-848 groups', () => {
    expect(groupTypeTone({ type: 'consumer', protocolType: 'consumer' })).toBe('accent')
    expect(groupTypeTone({ type: 'classic', protocolType: 'consumer' })).toBe('neutral')
  })
})

describe('groupStateTone', () => {
  it('colours Stable green, rebalancing amber, Dead red, the rest grey', () => {
    expect(groupStateTone('Stable')).toBe('success')
    for (const s of ['PreparingRebalance', 'CompletingRebalance', 'Assigning', 'Reconciling', 'NotReady'])
      expect(groupStateTone(s)).toBe('warning')
    expect(groupStateTone('Dead')).toBe('danger')
    expect(groupStateTone('Empty')).toBe('neutral')
    expect(groupStateTone('Unknown')).toBe('neutral')
    expect(groupStateTone('SomethingNew')).toBe('neutral')
  })
})

describe('compareStates', () => {
  it('puts known states in reading order and unknown ones after, A→Z', () => {
    const states = ['Zeta', 'Dead', 'Empty', 'Alpha', 'Stable', 'Assigning']
    expect([...states].sort(compareStates)).toEqual(['Stable', 'Assigning', 'Empty', 'Dead', 'Alpha', 'Zeta'])
  })
})
