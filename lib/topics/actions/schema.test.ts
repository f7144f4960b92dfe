import { describe, expect, it } from 'vitest'
import { CreateTopicBodySchema, TopicActionBodySchema } from './schema'

describe('CreateTopicBodySchema', () => {
  it('defaults configs and dryRun; refuses illegal names with Kafka’s rule', () => {
    expect(CreateTopicBodySchema.parse({ name: 'a.b', partitions: 3, replicationFactor: 1 })).toEqual({
      name: 'a.b',
      partitions: 3,
      replicationFactor: 1,
      configs: {},
      dryRun: false,
    })
    const bad = CreateTopicBodySchema.safeParse({ name: 'a b', partitions: 1, replicationFactor: 1 })
    expect(bad.error?.issues[0]?.message).toMatch(/only contain ASCII letters/)
    expect(CreateTopicBodySchema.safeParse({ name: 'a', partitions: 0, replicationFactor: 1 }).success).toBe(false)
  })
})

describe('TopicActionBodySchema', () => {
  it('takes each action with its own fields', () => {
    expect(TopicActionBodySchema.parse({ action: 'delete', dryRun: true })).toEqual({ action: 'delete', dryRun: true })
    expect(
      TopicActionBodySchema.parse({ action: 'alter-configs', dryRun: false, set: { 'retention.ms': '1' } }),
    ).toEqual({ action: 'alter-configs', dryRun: false, set: { 'retention.ms': '1' }, delete: [] })
    expect(TopicActionBodySchema.parse({ action: 'purge', dryRun: true, beforeOffset: '12' })).toMatchObject({
      beforeOffset: '12',
    })
  })

  it('refuses unknown actions, missing dryRun, bad offsets and a config both set and deleted', () => {
    for (const body of [
      { action: 'truncate', dryRun: true },
      { action: 'delete' },
      { action: 'purge', dryRun: true, beforeOffset: -1 },
      { action: 'purge', dryRun: true, beforeOffset: 'latest' },
      { action: 'purge', dryRun: true, partitions: [] },
      { action: 'alter-configs', dryRun: true, set: { a: '1' }, delete: ['a'] },
    ])
      expect(TopicActionBodySchema.safeParse(body).success, JSON.stringify(body)).toBe(false)
  })
})
