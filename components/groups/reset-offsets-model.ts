// Pure: the reset dialog's form state, what it sends, and what it may do. Unit-tested without a DOM.
import type { GroupDescription } from '@/lib/groups/types'
import type { ResetMode, ResetOffsetsRequest } from '@/lib/lag/reset-offsets/types'
import type { PartitionLagWithTime } from '@/lib/lag/types'

export type ModeKind = ResetMode['kind']

export const MODE_LABELS: Record<ModeKind, string> = {
  earliest: 'Earliest offset',
  latest: 'Latest offset',
  timestamp: 'Date and time',
  offset: 'Specific offset',
  shift: 'Shift by ±N',
}

export type ModeForm = {
  kind: ModeKind
  /** datetime-local value ("2025-01-31T12:00" or with seconds), read in the browser's time zone. */
  datetime: string
  offset: string
  shift: string
}

/** Selected partitions as `topic\0partition` keys. */
export type Selection = ReadonlySet<string>

const INT64_MAX = 2n ** 63n - 1n
const INT64_MIN = -(2n ** 63n)

export const selectionKey = (topic: string, partition: number) => `${topic}\u0000${partition}`

/** Every partition the group has: the dialog starts with all of them selected. */
export function selectAll(partitions: readonly Pick<PartitionLagWithTime, 'topic' | 'partition'>[]): Set<string> {
  return new Set(partitions.map((p) => selectionKey(p.topic, p.partition)))
}

/** A datetime-local value for `ms` in the browser's zone, to the second. */
export function toDatetimeLocal(ms: number): string {
  const d = new Date(ms)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}

export function initialModeForm(now = Date.now()): ModeForm {
  return { kind: 'earliest', datetime: toDatetimeLocal(now - 3_600_000), offset: '0', shift: '-1' }
}

/** The mode to send, or why the form cannot be sent yet. */
export function modeOf(form: ModeForm): { mode: ResetMode } | { error: string } {
  switch (form.kind) {
    case 'earliest':
    case 'latest':
      return { mode: { kind: form.kind } }
    case 'timestamp': {
      // datetime-local has no zone: `new Date()` reads it in the browser's zone, which is what the operator sees.
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(form.datetime))
        return { error: 'Pick a date and time.' }
      const ms = new Date(form.datetime).getTime()
      if (!Number.isFinite(ms) || ms < 0) return { error: 'Pick a valid date and time.' }
      return { mode: { kind: 'timestamp', timestamp: ms } }
    }
    case 'offset': {
      const value = form.offset.trim()
      if (!/^\d{1,19}$/.test(value) || BigInt(value) > INT64_MAX) return { error: 'The offset is a whole number ≥ 0.' }
      return { mode: { kind: 'offset', offset: value } }
    }
    case 'shift': {
      const value = form.shift.trim()
      if (!/^[+-]?\d{1,19}$/.test(value)) return { error: 'Shift by a whole number, e.g. -100 or +50.' }
      const n = BigInt(value)
      if (n > INT64_MAX || n < INT64_MIN) return { error: 'The shift does not fit in 64 bits.' }
      if (n === 0n) return { error: 'A shift of 0 changes nothing.' }
      return { mode: { kind: 'shift', by: value } }
    }
  }
}

/** The request for the selected partitions: explicit partition lists, so the preview covers exactly what is shown. */
export function requestOf(selection: Selection, form: ModeForm): { request: ResetOffsetsRequest } | { error: string } {
  const byTopic = new Map<string, number[]>()
  for (const key of selection) {
    const [topic, partition] = key.split('\u0000')
    if (topic === undefined || partition === undefined) continue
    byTopic.set(topic, [...(byTopic.get(topic) ?? []), Number(partition)])
  }
  if (byTopic.size === 0) return { error: 'Select at least one partition.' }
  const mode = modeOf(form)
  if ('error' in mode) return mode
  const topics = [...byTopic]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([topic, partitions]) => ({ topic, partitions: partitions.sort((a, b) => a - b) }))
  return { request: { scope: { topics }, mode: mode.mode } }
}

/**
 * Why the reset cannot run now, judged from the group's last description (the server's preview says it again with
 * fresh data): members, or a group type without consumer offsets.
 */
export function clientBlockedReason(group: GroupDescription): string | null {
  if (group.type === 'share') return 'Share groups have no committed offsets to reset.'
  if (group.type === 'classic' && group.protocolType !== 'consumer' && group.protocolType !== '')
    return `This is a "${group.protocolType}" group, not a consumer group: it has no consumer offsets.`
  if (group.type === 'unknown') return 'Ferry does not know this group type.'
  const members = group.members.length
  if (members === 0 && (group.state === 'Empty' || group.state === 'Dead')) return null
  const who = members === 1 ? '1 active member' : `${members} active members`
  return `Group "${group.groupId}" is ${group.state} with ${who}: Kafka resets offsets only while a group is Empty. Stop its consumers and wait until the group is Empty.`
}

/** The confirmation matches only the exact id (no trimming: ids may contain spaces). */
export const confirmed = (typed: string, expected: string) => typed === expected
