import { describe, expect, it } from 'vitest'
import { groupTopicOffsetsUrl, resetOffsetsUrl } from './group-actions'

describe('group action URLs', () => {
  it('encode group ids and topics with reserved characters', () => {
    expect(resetOffsetsUrl('prod', 'billing/eu 1')).toBe('/api/clusters/prod/groups/billing%2Feu%201/offsets/reset')
    expect(groupTopicOffsetsUrl('prod', 'g', 'orders.v1')).toBe('/api/clusters/prod/groups/g/offsets/orders.v1')
  })

  // "reset" is a legal topic name: the reset route and a topic's offsets route share a path segment.
  it('a topic named "reset" is still a topic (DELETE) and the reset is a POST', () => {
    expect(groupTopicOffsetsUrl('prod', 'g', 'reset')).toBe(resetOffsetsUrl('prod', 'g'))
  })
})
