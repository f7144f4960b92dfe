import { describe, expect, it } from 'vitest'
import { applyChanges, configChanges } from './config-changes'

describe('configChanges', () => {
  const overrides = { 'retention.ms': '1000', 'cleanup.policy': 'compact' }

  it('lists sets and deletes with before and after; untouched overrides are not changes', () => {
    const changes = configChanges(overrides, {
      set: { 'retention.ms': '2000', 'segment.ms': '60000' },
      delete: ['cleanup.policy'],
    })
    expect(changes).toEqual([
      { name: 'cleanup.policy', before: 'compact', after: null },
      { name: 'retention.ms', before: '1000', after: '2000' },
      { name: 'segment.ms', before: null, after: '60000' },
    ])
    expect(applyChanges(overrides, changes)).toEqual({ 'retention.ms': '2000', 'segment.ms': '60000' })
  })

  it('setting the same value or deleting a missing override changes nothing', () => {
    expect(configChanges(overrides, { set: { 'retention.ms': '1000' }, delete: ['max.message.bytes'] })).toEqual([])
  })
})
