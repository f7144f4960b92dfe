// Pure: turns a LagHistory into chart rows for the chosen scope (whole group, one topic, one partition).
import { formatLagDuration } from '@/lib/client/format'
import { RANGE_MS } from '@/lib/lag/history/ranges'
import type { LagHistory, LagHistoryRange, SamplerStatus } from '@/lib/lag/history-types'

export type LagScope =
  | { kind: 'group' }
  | { kind: 'topic'; topic: string }
  | { kind: 'partition'; topic: string; partition: number }

export type LagChartRow = {
  t: number
  /** Lag in messages (a double: exact below 2^53, plenty for a chart). */
  lag: number | null
  lagMs: number | null
  /** Group scope only: messages per second consumed and produced since the previous point. */
  consumed: number | null
  produced: number | null
}

export type ScopeOption = { key: string; label: string }

export const GROUP_SCOPE: LagScope = { kind: 'group' }

/** A string for the <select>: topic names may hold any character but NUL-free, so "\0" separates safely. */
export function scopeKey(scope: LagScope): string {
  if (scope.kind === 'group') return 'group'
  if (scope.kind === 'topic') return `topic\u0000${scope.topic}`
  return `partition\u0000${scope.partition}\u0000${scope.topic}`
}

export function parseScopeKey(key: string): LagScope {
  const [kind, a = '', ...rest] = key.split('\u0000')
  if (kind === 'topic') return { kind: 'topic', topic: [a, ...rest].join('\u0000') }
  if (kind === 'partition') return { kind: 'partition', partition: Number(a), topic: rest.join('\u0000') }
  return GROUP_SCOPE
}

/** The whole group, then each topic followed by its partitions. */
export function scopeOptions(history: LagHistory | undefined): ScopeOption[] {
  const options: ScopeOption[] = [{ key: 'group', label: 'Whole group' }]
  for (const t of history?.topics ?? []) {
    options.push({ key: scopeKey({ kind: 'topic', topic: t.topic }), label: `Topic ${t.topic}` })
    for (const p of history?.partitions ?? []) {
      if (p.topic !== t.topic) continue
      options.push({
        key: scopeKey({ kind: 'partition', topic: p.topic, partition: p.partition }),
        label: `${p.topic} · partition ${p.partition}`,
      })
    }
  }
  return options
}

const toNumber = (s: string | null): number | null => (s === null ? null : Number(s))

/** Rows for the scope; an unknown topic or partition (gone from this range) gives no rows. */
export function chartRows(history: LagHistory | undefined, scope: LagScope): LagChartRow[] {
  if (!history) return []
  if (scope.kind === 'group') {
    return history.points.map((p) => ({
      t: p.t,
      lag: toNumber(p.totalLag),
      lagMs: p.maxLagMs,
      consumed: p.consumedPerSec,
      produced: p.producedPerSec,
    }))
  }
  const points =
    scope.kind === 'topic'
      ? history.topics.find((t) => t.topic === scope.topic)?.points
      : history.partitions.find((p) => p.topic === scope.topic && p.partition === scope.partition)?.points
  return (points ?? []).map((p) => ({ t: p.t, lag: toNumber(p.lag), lagMs: p.lagMs, consumed: null, produced: null }))
}

/** The x axis spans the whole range, ending at the newest point (server time: no browser clock skew). */
export function timeDomain(rows: LagChartRow[], range: LagHistoryRange, now = Date.now()): [number, number] {
  const end = rows.at(-1)?.t ?? now
  return [end - RANGE_MS[range], end]
}

/** Axis tick: clock time, with the weekday on the 7-day range. */
export function formatTimeTick(t: number, range: LagHistoryRange): string {
  const d = new Date(t)
  const hm = d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
  return range === '7d' ? `${d.toLocaleDateString([], { weekday: 'short' })} ${hm}` : hm
}

/** "950", "12k", "3.4M": short axis labels. */
export function formatCompact(n: number): string {
  const abs = Math.abs(n)
  for (const [size, unit] of [
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ] as const) {
    if (abs >= size) {
      const v = n / size
      return `${Number.isInteger(v) || Math.abs(v) >= 10 ? Math.round(v) : v.toFixed(1)}${unit}`
    }
  }
  return Number.isInteger(n) ? String(n) : n.toFixed(abs < 10 ? 2 : 1)
}

export const formatLagMsTick = (ms: number) => (ms === 0 ? '0' : formatLagDuration(ms))

/** Why there are no points, in words, from the sampler's status. */
export function emptyReason(status: SamplerStatus | undefined): { title: string; detail: string | null } {
  const every = `${Math.round((status?.intervalMs ?? 30_000) / 1000)} s`
  if (!status) return { title: `No samples yet: the sampler takes one every ${every}`, detail: null }
  if (!status.persistence.ok) {
    return {
      title: 'No lag history: the samples topic cannot be used',
      detail: status.persistence.reason ?? `Topic ${status.persistence.topic} is not available.`,
    }
  }
  if (status.role === 'unavailable')
    return { title: 'No lag history: the sampler cannot run', detail: status.lastError }
  if (status.role === 'disabled' && !status.enabled) {
    return { title: 'Lag sampling is turned off', detail: 'lagSampling.enabled is false or FERRY_LAG_SAMPLER=off.' }
  }
  return { title: `No samples yet: the sampler takes one every ${every}`, detail: status.lastError }
}

/** "this instance samples" / "another instance samples" … for the footer. */
export function roleLabel(status: SamplerStatus): string {
  switch (status.role) {
    case 'leader':
      return 'this console instance samples'
    case 'follower':
      return 'another console instance samples'
    case 'starting':
      return 'sampler starting'
    case 'unavailable':
      return 'sampler unavailable'
    default:
      return 'sampler not running here'
  }
}
