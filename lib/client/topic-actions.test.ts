import { describe, expect, it } from 'vitest'
import { topicActionsUrl, topicsUrl } from './topic-actions'

describe('topic action URLs', () => {
  it('encode cluster ids and topic names', () => {
    expect(topicsUrl('prod')).toBe('/api/clusters/prod/topics')
    expect(topicActionsUrl('prod', 'orders.v1_x-y')).toBe('/api/clusters/prod/topics/orders.v1_x-y/actions')
    expect(topicActionsUrl('prod', 'a/b')).toBe('/api/clusters/prod/topics/a%2Fb/actions')
  })
})
