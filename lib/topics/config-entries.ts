import type { ConfigSourceName, TopicConfigEntry } from './topic-detail-types'

/** Kafka's DescribeConfigs config_source codes. */
const SOURCE_NAMES: Record<number, ConfigSourceName> = {
  1: 'DYNAMIC_TOPIC_CONFIG',
  2: 'DYNAMIC_BROKER_CONFIG',
  3: 'DYNAMIC_DEFAULT_BROKER_CONFIG',
  4: 'STATIC_BROKER_CONFIG',
  5: 'DEFAULT_CONFIG',
  6: 'DYNAMIC_BROKER_LOGGER_CONFIG',
  7: 'CLIENT_METRICS_CONFIG',
  8: 'GROUP_CONFIG',
}

export function configSourceName(code: number): ConfigSourceName {
  return SOURCE_NAMES[code] ?? 'UNKNOWN'
}

/** A DescribeConfigs entry as the wire gives it (a @platformatic/kafka DescribeConfigsResponseConfig fits). */
export type RawConfigEntry = {
  name: string
  value?: string | null
  readOnly: boolean
  configSource: number
  isSensitive: boolean
  synonyms: { name: string; value?: string | null; source: number }[]
  documentation?: string | null
}

/**
 * The entry as Ferry sends it: source named, override/default decided from the source (Kafka's own rule in
 * ConfigCommand: only DYNAMIC_TOPIC_CONFIG is set on the topic), and values of sensitive entries dropped here, on the
 * server, so they never reach a browser.
 */
export function toTopicConfigEntry(raw: RawConfigEntry): TopicConfigEntry {
  const source = configSourceName(raw.configSource)
  const hide = raw.isSensitive
  return {
    name: raw.name,
    value: hide ? null : (raw.value ?? null),
    source,
    isOverride: source === 'DYNAMIC_TOPIC_CONFIG',
    isDefault: source === 'DEFAULT_CONFIG',
    readOnly: raw.readOnly,
    sensitive: raw.isSensitive,
    documentation: raw.documentation || null,
    synonyms: raw.synonyms.map((s) => ({
      name: s.name,
      value: hide ? null : (s.value ?? null),
      source: configSourceName(s.source),
    })),
  }
}
