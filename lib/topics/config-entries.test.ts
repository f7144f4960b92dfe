import { describe, expect, it } from 'vitest'
import { toTopicConfigEntry } from './config-entries'

const base = { readOnly: false, documentation: null, synonyms: [] }

describe('toTopicConfigEntry', () => {
  it('names the source and calls only topic-level values overrides', () => {
    const override = toTopicConfigEntry({
      ...base,
      name: 'retention.ms',
      value: '60000',
      configSource: 1,
      isSensitive: false,
      synonyms: [
        { name: 'retention.ms', value: '60000', source: 1 },
        { name: 'log.retention.hours', value: '168', source: 5 },
      ],
    })
    expect(override).toMatchObject({ source: 'DYNAMIC_TOPIC_CONFIG', isOverride: true, isDefault: false })
    expect(override.synonyms[1]).toEqual({ name: 'log.retention.hours', value: '168', source: 'DEFAULT_CONFIG' })
    const fromBroker = toTopicConfigEntry({ ...base, name: 'x', value: '1', configSource: 4, isSensitive: false })
    expect(fromBroker).toMatchObject({ source: 'STATIC_BROKER_CONFIG', isOverride: false, isDefault: false })
    expect(toTopicConfigEntry({ ...base, name: 'y', value: '1', configSource: 5, isSensitive: false })).toMatchObject({
      source: 'DEFAULT_CONFIG',
      isDefault: true,
    })
    expect(toTopicConfigEntry({ ...base, name: 'z', value: '1', configSource: 42, isSensitive: false }).source).toBe(
      'UNKNOWN',
    )
  })

  it('never passes on the value of a sensitive entry, nor of its synonyms', () => {
    const entry = toTopicConfigEntry({
      ...base,
      name: 'secret',
      value: 'hunter2',
      configSource: 1,
      isSensitive: true,
      synonyms: [{ name: 'secret', value: 'hunter2', source: 1 }],
    })
    expect(entry.value).toBeNull()
    expect(JSON.stringify(entry)).not.toContain('hunter2')
    expect(entry.sensitive).toBe(true)
  })
})
