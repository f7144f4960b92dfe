import { describe, expect, it } from 'vitest'
import type { TopicConfigEntry } from '@/lib/topics/topic-detail-types'
import {
  configSourceView,
  configValueText,
  filterConfigs,
  MASKED_VALUE,
  parseTopicTab,
  topicTabHref,
} from './topic-detail-model'

const entry = (name: string, value: string | null, patch: Partial<TopicConfigEntry> = {}): TopicConfigEntry => ({
  name,
  value,
  source: 'DEFAULT_CONFIG',
  isOverride: false,
  isDefault: true,
  readOnly: false,
  sensitive: false,
  documentation: null,
  synonyms: [],
  ...patch,
})

describe('topic tabs', () => {
  it('reads ?tab= and falls back to partitions', () => {
    expect(parseTopicTab('configs')).toBe('configs')
    expect(parseTopicTab(['consumers', 'configs'])).toBe('consumers')
    expect(parseTopicTab('nope')).toBe('partitions')
    expect(parseTopicTab(undefined)).toBe('partitions')
  })

  it('links tabs with the topic name encoded and no query for the default', () => {
    expect(topicTabHref('demo', 'a.b', 'partitions')).toBe('/clusters/demo/topics/a.b')
    expect(topicTabHref('demo', 'a.b', 'messages')).toBe('/clusters/demo/topics/a.b?tab=messages')
  })
})

describe('configs', () => {
  const configs = [
    entry('retention.ms', '3600000', { source: 'DYNAMIC_TOPIC_CONFIG', isOverride: true, isDefault: false }),
    entry('cleanup.policy', 'delete'),
    entry('secret.key', null, { sensitive: true }),
  ]

  it('filters by name or value and by overrides', () => {
    expect(filterConfigs(configs, { query: 'RETENTION', overridesOnly: false }).map((c) => c.name)).toEqual([
      'retention.ms',
    ])
    expect(filterConfigs(configs, { query: 'delete', overridesOnly: false }).map((c) => c.name)).toEqual([
      'cleanup.policy',
    ])
    expect(filterConfigs(configs, { query: '', overridesOnly: true }).map((c) => c.name)).toEqual(['retention.ms'])
  })

  it('masks sensitive values and labels sources', () => {
    expect(configValueText(configs[2] as TopicConfigEntry)).toBe(MASKED_VALUE)
    expect(configValueText(entry('x', null))).toBe('null')
    expect(configSourceView('DYNAMIC_TOPIC_CONFIG')).toMatchObject({ label: 'topic override', tone: 'accent' })
    expect(configSourceView('STATIC_BROKER_CONFIG').label).toBe('broker (static)')
  })
})
