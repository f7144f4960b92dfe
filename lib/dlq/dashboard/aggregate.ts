// Pure: the dashboard's figures from the index columns and the resolutions, in one pass over the typed arrays.
import type { DlqConfig } from '@/lib/config/dlq-schema'
import type { DlqAlert, DlqDashboard, DlqErrorGroup, DlqHourBucket, DlqTopicSummary } from '../api-types'
import type { DeadLetterColumns, Interner } from '../index/columns'

export const HOUR_MS = 3_600_000
export const HOURS = 7 * 24
/** Below this many dead letters in the last hour no inflow alert is raised, whatever the baseline. */
export const MIN_INFLOW_FOR_ALERT = 10
/** The hourly baseline is at least this: a quiet DLQ (0.01 a hour) must not alert on its second dead letter. */
export const MIN_BASELINE_PER_HOUR = 1
const TOP_ERRORS = 50

export type AggregateTopic = {
  topic: string
  convention: string
  sourceTopic?: string
  partitions: { partition: number; columns: DeadLetterColumns }[]
}
export type Resolved = { status: 'replayed' | 'discarded'; atMs: number }
export type AggregateInput = {
  now: number
  topics: AggregateTopic[]
  topicNames: Interner
  groups: { type?: string; message?: string }[]
  fingerprints: Interner
  /** The resolutions of one DLQ partition by offset, if any. */
  resolutionsOf: (topic: string, partition: number) => Map<number, Resolved> | undefined
  alerts: DlqConfig['alerts']
}
export type Aggregate = Pick<DlqDashboard, 'totals' | 'topics' | 'bySource' | 'byError' | 'hourly' | 'alert'>

export function aggregate(input: AggregateInput): Aggregate {
  const { now } = input
  const lastHourStart = now - HOUR_MS
  const firstBucket = Math.floor(now / HOUR_MS) * HOUR_MS - (HOURS - 1) * HOUR_MS
  const inflow = new Float64Array(HOURS)
  const outflow = new Float64Array(HOURS)
  const bucketOf = (ms: number) => Math.floor((ms - firstBucket) / HOUR_MS)
  const sources = new Map<string, { total: number; pending: number }>()
  const errors = new Map<number, { total: number; pending: number; topics: Set<string>; last: number }>()
  const totals = { total: 0, pending: 0, replayed: 0, discarded: 0, oldest: Number.POSITIVE_INFINITY }
  const topics: DlqTopicSummary[] = []

  for (const t of input.topics) {
    const s = { total: 0, pending: 0, replayed: 0, discarded: 0, oldest: Number.POSITIVE_INFINITY, last: -1 }
    let inLastHour = 0
    let outLastHour = 0
    /** Inflow in the 7 days before the last hour, for the baseline, and the first dead letter still in the topic. */
    let baselineCount = 0
    let earliest = Number.POSITIVE_INFINITY
    const sourceIds = new Set<number>()
    for (const { partition, columns: c } of t.partitions) {
      const resolved = input.resolutionsOf(t.topic, partition)
      for (let i = 0; i < c.length; i++) {
        const ts = c.timestamp[i] as number
        const sourceId = c.sourceTopic[i] as number
        const fp = c.fingerprint[i] as number
        const r = resolved?.get(c.offset[i] as number)
        s.total++
        if (ts > s.last) s.last = ts
        if (ts < earliest) earliest = ts
        if (ts >= lastHourStart) inLastHour++
        else if (ts >= lastHourStart - HOURS * HOUR_MS) baselineCount++
        const b = bucketOf(ts)
        if (b >= 0 && b < HOURS) inflow[b] = (inflow[b] as number) + 1
        if (sourceId >= 0) sourceIds.add(sourceId)
        const sourceName = input.topicNames.valueOf(sourceId) ?? t.sourceTopic ?? '(unknown)'
        let src = sources.get(sourceName)
        if (!src) {
          src = { total: 0, pending: 0 }
          sources.set(sourceName, src)
        }
        src.total++
        let err = errors.get(fp)
        if (!err) {
          err = { total: 0, pending: 0, topics: new Set<string>(), last: -1 }
          errors.set(fp, err)
        }
        err.total++
        err.topics.add(t.topic)
        if (ts > err.last) err.last = ts
        if (r) {
          if (r.status === 'replayed') s.replayed++
          else s.discarded++
          if (r.atMs >= lastHourStart) outLastHour++
          const ob = bucketOf(r.atMs)
          if (ob >= 0 && ob < HOURS) outflow[ob] = (outflow[ob] as number) + 1
        } else {
          s.pending++
          src.pending++
          err.pending++
          if (ts < s.oldest) s.oldest = ts
        }
      }
    }
    totals.total += s.total
    totals.pending += s.pending
    totals.replayed += s.replayed
    totals.discarded += s.discarded
    if (s.oldest < totals.oldest) totals.oldest = s.oldest
    const names = [...sourceIds].map((id) => input.topicNames.valueOf(id) as string)
    topics.push({
      topic: t.topic,
      convention: t.convention,
      sourceTopics: names.length ? names.sort() : t.sourceTopic ? [t.sourceTopic] : [],
      partitions: t.partitions.length,
      total: s.total,
      pending: s.pending,
      replayed: s.replayed,
      discarded: s.discarded,
      oldestPendingAt: Number.isFinite(s.oldest) ? iso(s.oldest) : undefined,
      lastArrivalAt: s.last >= 0 ? iso(s.last) : undefined,
      inflowLastHour: inLastHour,
      outflowLastHour: outLastHour,
      alert: alertOf(
        {
          inflowLastHour: inLastHour,
          ...baselineOf(baselineCount, earliest, lastHourStart),
          oldestPendingMs: s.oldest,
          now,
        },
        input.alerts,
      ),
    })
  }

  const hourly: DlqHourBucket[] = []
  // Pending at the end of each hour, walking back from now: undo the later hours' inflow and outflow.
  let pending = totals.pending
  for (let b = HOURS - 1; b >= 0; b--) {
    hourly[b] = {
      hour: iso(firstBucket + b * HOUR_MS),
      inflow: inflow[b] as number,
      outflow: outflow[b] as number,
      pending: Math.max(0, pending),
    }
    pending = pending - (inflow[b] as number) + (outflow[b] as number)
  }

  const byError: DlqErrorGroup[] = [...errors]
    .sort(([, a], [, b]) => b.pending - a.pending || b.total - a.total)
    .slice(0, TOP_ERRORS)
    .map(([id, e]) => ({
      fingerprint: input.fingerprints.valueOf(id) as string,
      type: input.groups[id]?.type,
      message: input.groups[id]?.message,
      total: e.total,
      pending: e.pending,
      topics: [...e.topics].sort(),
      lastSeenAt: e.last >= 0 ? iso(e.last) : undefined,
    }))

  return {
    totals: {
      total: totals.total,
      pending: totals.pending,
      replayed: totals.replayed,
      discarded: totals.discarded,
      oldestPendingAt: Number.isFinite(totals.oldest) ? iso(totals.oldest) : undefined,
    },
    topics: topics.sort((a, b) => b.pending - a.pending || a.topic.localeCompare(b.topic)),
    bySource: [...sources]
      .map(([sourceTopic, v]) => ({ sourceTopic, ...v }))
      .sort((a, b) => b.pending - a.pending || b.total - a.total),
    byError,
    hourly,
    alert: overallAlert(topics),
  }
}

/**
 * The hourly inflow before the last hour, averaged over the 7 days before it or, for a younger DLQ, over the hours
 * since its first dead letter still in the topic; none when that is less than an hour (a new DLQ has no baseline: its
 * first hour is not compared with the empty week before it).
 */
export function baselineOf(
  count: number,
  earliest: number,
  lastHourStart: number,
): { baselinePerHour?: number; baselineHours: number } {
  const hours = Math.min(HOURS, Math.max(0, (lastHourStart - earliest) / HOUR_MS))
  if (!(hours >= 1)) return { baselineHours: 0 }
  return { baselinePerHour: count / hours, baselineHours: hours }
}

/**
 * A topic's alert: inflow in the last hour ≥ factor × its hourly baseline (at least MIN_BASELINE_PER_HOUR, and only
 * from MIN_INFLOW_FOR_ALERT dead letters; none without a baseline), or a pending dead letter older than the limit.
 */
export function alertOf(
  s: {
    inflowLastHour: number
    baselinePerHour?: number
    /** Hours the baseline is averaged over (7 days at most). */
    baselineHours?: number
    oldestPendingMs: number
    now: number
  },
  config: DlqConfig['alerts'],
): DlqAlert {
  const reasons: string[] = []
  let level: DlqAlert['level'] = 'ok'
  if (s.baselinePerHour !== undefined && s.inflowLastHour >= MIN_INFLOW_FOR_ALERT) {
    const baseline = Math.max(s.baselinePerHour, MIN_BASELINE_PER_HOUR)
    const factor = s.inflowLastHour / baseline
    const critical = factor >= config.inflowCriticalFactor
    if (critical || factor >= config.inflowWarningFactor) {
      level = critical ? 'critical' : 'warning'
      const hours = s.baselineHours ?? HOURS
      const window = hours >= HOURS ? '7-day' : `${duration(hours * HOUR_MS)}`
      reasons.push(
        `${s.inflowLastHour} dead letters in the last hour: ${factor.toFixed(1)}× the ${window} hourly baseline of ${round(s.baselinePerHour)}${s.baselinePerHour < MIN_BASELINE_PER_HOUR ? ` (counted as ${MIN_BASELINE_PER_HOUR})` : ''} (${critical ? 'critical' : 'warning'} from ${critical ? config.inflowCriticalFactor : config.inflowWarningFactor}×)`,
      )
    }
  }
  if (Number.isFinite(s.oldestPendingMs) && s.now - s.oldestPendingMs > config.oldestPendingWarningMs) {
    if (level === 'ok') level = 'warning'
    reasons.push(
      `the oldest pending dead letter is ${duration(s.now - s.oldestPendingMs)} old (warning after ${duration(config.oldestPendingWarningMs)})`,
    )
  }
  return { level, reasons }
}

export function overallAlert(topics: Pick<DlqTopicSummary, 'topic' | 'alert'>[]): DlqAlert {
  const rank = { ok: 0, warning: 1, critical: 2 } as const
  let level: DlqAlert['level'] = 'ok'
  const reasons: string[] = []
  for (const t of topics) {
    if (rank[t.alert.level] > rank[level]) level = t.alert.level
    for (const r of t.alert.reasons) reasons.push(`${t.topic}: ${r}`)
  }
  return { level, reasons }
}

function round(n: number): string {
  return n >= 10 ? n.toFixed(0) : n.toFixed(2).replace(/\.?0+$/, '')
}

export function duration(ms: number): string {
  const h = ms / HOUR_MS
  if (h >= 48) return `${Math.floor(h / 24)} days`
  if (h >= 1) return `${Math.floor(h)} h`
  return `${Math.max(1, Math.floor(ms / 60_000))} min`
}

function iso(ms: number): string {
  return new Date(ms).toISOString()
}
