// Pure: which topics are dead-letter queues, by name, configuration or record headers.
import { isDeadLetterHeaderKey } from './parse-error-metadata'

export type DlqConvention =
  | 'explicit'
  | 'connect'
  | 'pattern'
  /** `<topic>.dlq` */
  | 'dot-dlq'
  /** `<topic>.DLQ` */
  | 'dot-DLQ'
  /** `<topic>-dlq` */
  | 'dash-dlq'
  /** `<topic>.DLT`: Spring's DeadLetterPublishingRecoverer default. */
  | 'dot-DLT'
  /** `<topic>-dlt`: Spring's retryable topics. */
  | 'dash-dlt'
  /** `dlq-<topic>` */
  | 'dlq-prefix'
  /** `<topic>.<consumer>.dlq`: one DLQ per consuming service. */
  | 'consumer-dlq'

export type DlqTopicMatch = {
  convention: DlqConvention
  sourceTopic?: string
  consumer?: string
  /** Kafka Connect: the sink connector whose errors.deadletterqueue.topic.name this is. */
  connector?: string
  /** Whether sourceTopic is one of `knownTopics` (only when they were given). */
  sourceExists?: boolean
}

export type RetryTopicMatch = { sourceTopic: string; suffix: string }

/** A Connect sink's DLQ: its errors.deadletterqueue.topic.name, and the connector and its `topics` when known. */
export type ConnectDlqConfig = string | { topic: string; connector?: string; sourceTopics?: readonly string[] }

export type DlqDetectOptions = {
  /** Topics that are DLQs whatever their name, optionally with their source topic. */
  explicit?: readonly (string | { topic: string; sourceTopic?: string })[]
  connect?: readonly ConnectDlqConfig[]
  /** Extra regular expressions (source text); a named group `source` gives the source topic. */
  patterns?: readonly string[]
  /** The cluster's topics: tells `orders.dlq` (of `orders`) from `orders.billing.dlq` (of `orders`, for `billing`). */
  knownTopics?: ReadonlySet<string> | readonly string[]
}

const SUFFIXES: readonly [string, DlqConvention][] = [
  ['.dlq', 'dot-dlq'],
  ['.DLQ', 'dot-DLQ'],
  ['-dlq', 'dash-dlq'],
  ['.DLT', 'dot-DLT'],
  ['-dlt', 'dash-dlt'],
]
const RETRY = /^(.+?)((?:[.-]retry)(?:-\d+)?)$/

/** A retry topic (`<topic>-retry`, `<topic>.retry-N`, Spring's `<topic>-retry-N`): not a DLQ, records come back. */
export function retryTopicMatchOf(name: string): RetryTopicMatch | null {
  const m = RETRY.exec(name)
  return m ? { sourceTopic: m[1]!, suffix: m[2]! } : null
}

/** How `name` is a dead-letter topic, or null (retry topics, internal topics and ordinary topics). */
export function dlqTopicMatchOf(name: string, options: DlqDetectOptions = {}): DlqTopicMatch | null {
  const known = options.knownTopics ? new Set(options.knownTopics) : undefined
  const withSource = (match: DlqTopicMatch): DlqTopicMatch =>
    known && match.sourceTopic !== undefined ? { ...match, sourceExists: known.has(match.sourceTopic) } : match

  for (const entry of options.explicit ?? []) {
    const e = typeof entry === 'string' ? { topic: entry } : entry
    if (e.topic === name) return withSource(compact({ convention: 'explicit', sourceTopic: e.sourceTopic }))
  }
  for (const entry of options.connect ?? []) {
    const c = typeof entry === 'string' ? { topic: entry } : entry
    if (c.topic !== name) continue
    const sourceTopic = c.sourceTopics?.length === 1 ? c.sourceTopics[0] : undefined
    return withSource(compact({ convention: 'connect', connector: c.connector, sourceTopic }))
  }
  for (const source of options.patterns ?? []) {
    const m = patternOf(source)?.exec(name)
    if (m) return withSource(compact({ convention: 'pattern', sourceTopic: m.groups?.source || undefined }))
  }
  // Internal topics (__consumer_offsets, __connect.*) are never dead letters by name.
  if (name.startsWith('__')) return null

  for (const [suffix, convention] of SUFFIXES) {
    if (!name.endsWith(suffix) || name.length === suffix.length) continue
    const base = name.slice(0, -suffix.length)
    if (suffix === '.dlq') return withSource(consumerSplit(base, known))
    return withSource({ convention, sourceTopic: base })
  }
  if (name.startsWith('dlq-') && name.length > 4)
    return withSource({ convention: 'dlq-prefix', sourceTopic: name.slice(4) })
  return null
}

/**
 * `a.b.dlq`: `<topic>.dlq` of `a.b`, or `<topic>.<consumer>.dlq` of `a` for consumer `b`. Only the cluster's topics
 * can tell (dots are common in topic names); without them, or when neither exists, the whole base is the topic.
 */
function consumerSplit(base: string, known: Set<string> | undefined): DlqTopicMatch {
  const dot = base.lastIndexOf('.')
  if (known && !known.has(base) && dot > 0 && dot < base.length - 1) {
    const topic = base.slice(0, dot)
    if (known.has(topic)) return { convention: 'consumer-dlq', sourceTopic: topic, consumer: base.slice(dot + 1) }
  }
  return { convention: 'dot-dlq', sourceTopic: base }
}

const patternCache = new Map<string, RegExp | null>()

/** A configured pattern; an invalid one matches nothing (configuration validation should report it). */
function patternOf(source: string): RegExp | null {
  let re = patternCache.get(source)
  if (re === undefined) {
    try {
      re = new RegExp(source)
    } catch {
      re = null
    }
    patternCache.set(source, re)
  }
  return re
}

/** Whether a pattern compiles, for configuration validation. */
export function isValidDlqPattern(source: string): boolean {
  return patternOf(source) !== null
}

/** True when a record's headers carry dead-letter metadata (Spring kafka_dlt-*, Connect __connect.errors.*, x-original-*, x-exception*). */
export function isDlqByHeaders(headers: Iterable<string | { key: string }>): boolean {
  for (const h of headers) if (isDeadLetterHeaderKey(typeof h === 'string' ? h : h.key)) return true
  return false
}

function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T
}

export type TopicRole = { role: 'dlq'; match: DlqTopicMatch } | { role: 'retry'; match: RetryTopicMatch } | null

/** A topic's part in error handling: a dead-letter queue, a retry topic, or neither (null). */
export function topicRoleOf(name: string, options: DlqDetectOptions = {}): TopicRole {
  const dlq = dlqTopicMatchOf(name, options)
  if (dlq) return { role: 'dlq', match: dlq }
  const retry = name.startsWith('__') ? null : retryTopicMatchOf(name)
  return retry ? { role: 'retry', match: retry } : null
}
