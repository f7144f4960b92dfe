// Pure view logic of the topic page (tabs, config filtering and labels); unit-tested.
import type { BadgeTone } from '@/components/ui/badge'
import { topicHref } from '@/lib/nav'
import type { ConfigSourceName, TopicConfigEntry } from '@/lib/topics/topic-detail-types'

export const TOPIC_TABS = ['partitions', 'configs', 'consumers', 'messages'] as const
export type TopicTab = (typeof TOPIC_TABS)[number]

export const TOPIC_TAB_LABELS: Record<TopicTab, string> = {
  partitions: 'Partitions',
  configs: 'Configs',
  consumers: 'Consumers',
  messages: 'Messages',
}

/** ?tab=… as a tab; anything else (missing, misspelt, repeated) is the default, partitions. */
export function parseTopicTab(value: string | string[] | undefined | null): TopicTab {
  const v = Array.isArray(value) ? value[0] : value
  return (TOPIC_TABS as readonly string[]).includes(v ?? '') ? (v as TopicTab) : 'partitions'
}

/** The tab's URL; the default tab has none, so the plain topic URL and ?tab=partitions are one page. */
export function topicTabHref(clusterId: string, topic: string, tab: TopicTab): string {
  const base = topicHref(clusterId, topic)
  return tab === 'partitions' ? base : `${base}?tab=${tab}`
}

/** Shown instead of a sensitive value: the server never sends it, so there is nothing to reveal. */
export const MASKED_VALUE = '••••'

export function configValueText(c: Pick<TopicConfigEntry, 'sensitive' | 'value'>): string {
  if (c.sensitive) return MASKED_VALUE
  return c.value ?? 'null'
}

export type ConfigFilter = { query: string; overridesOnly: boolean }

/** Configs whose name (or value, for non-sensitive ones) contains the query, case-insensitive. */
export function filterConfigs(configs: readonly TopicConfigEntry[], filter: ConfigFilter): TopicConfigEntry[] {
  const q = filter.query.trim().toLowerCase()
  return configs.filter((c) => {
    if (filter.overridesOnly && !c.isOverride) return false
    if (!q) return true
    return c.name.toLowerCase().includes(q) || (!c.sensitive && (c.value ?? '').toLowerCase().includes(q))
  })
}

const SOURCE_LABELS: Record<ConfigSourceName, { label: string; tone: BadgeTone; hint: string }> = {
  DYNAMIC_TOPIC_CONFIG: { label: 'topic override', tone: 'accent', hint: 'Set on this topic' },
  DYNAMIC_BROKER_CONFIG: { label: 'broker (dynamic)', tone: 'warning', hint: 'Set dynamically on this broker' },
  DYNAMIC_DEFAULT_BROKER_CONFIG: {
    label: 'cluster default',
    tone: 'warning',
    hint: 'Set dynamically as the default of every broker',
  },
  STATIC_BROKER_CONFIG: { label: 'broker (static)', tone: 'warning', hint: "Set in the broker's server.properties" },
  DEFAULT_CONFIG: { label: 'Kafka default', tone: 'neutral', hint: "Kafka's built-in default" },
  DYNAMIC_BROKER_LOGGER_CONFIG: { label: 'broker logger', tone: 'neutral', hint: 'Broker logger setting' },
  CLIENT_METRICS_CONFIG: { label: 'client metrics', tone: 'neutral', hint: 'Client metrics setting' },
  GROUP_CONFIG: { label: 'group', tone: 'neutral', hint: 'Group setting' },
  UNKNOWN: { label: 'unknown', tone: 'neutral', hint: 'Kafka did not say where this value comes from' },
}

export function configSourceView(source: ConfigSourceName): { label: string; tone: BadgeTone; hint: string } {
  return SOURCE_LABELS[source] ?? SOURCE_LABELS.UNKNOWN
}
