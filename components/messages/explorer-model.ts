// Pure: the explorer's state as URL query parameters, and the ScanRequest it asks for.
import { MAX_CEL_LENGTH } from '@/lib/messages/filter/limits'
import { type PayloadFormat, SCAN_BOUNDS, SCAN_DEFAULTS, type ScanRequest } from '@/lib/messages/types'

export type StartFrom = ScanRequest['start']['from']

export type ExplorerState = {
  /** Comma-separated partition numbers as typed; empty = all. */
  partitions: string
  from: StartFrom
  startOffset: string
  /** Epoch ms of the 'timestamp' start (null until chosen). */
  time: number | null
  group: string
  direction: ScanRequest['direction']
  limit: number
  maxScan: number
  cel: string
  contains: string
  keyFormat: PayloadFormat
  valueFormat: PayloadFormat
  /** The open message (permalink). */
  selected: { partition: number; offset: string } | null
}

export const FORMATS: readonly PayloadFormat[] = ['auto', 'text', 'json', 'hex', 'base64', 'msgpack']
const FROMS: readonly StartFrom[] = ['newest', 'oldest', 'offset', 'timestamp', 'group']
export const MAX_MS = 30_000

export const DEFAULT_STATE: ExplorerState = {
  partitions: '',
  from: 'newest',
  startOffset: '0',
  time: null,
  group: '',
  direction: 'backward',
  limit: SCAN_DEFAULTS.limit,
  maxScan: SCAN_DEFAULTS.maxScan,
  cel: '',
  contains: '',
  keyFormat: 'auto',
  valueFormat: 'auto',
  selected: null,
}

const intIn = (s: string | null, min: number, max: number, fallback: number) => {
  const n = Number(s)
  return s !== null && Number.isInteger(n) && n >= min && n <= max ? n : fallback
}
const oneOf = <T extends string>(s: string | null, list: readonly T[], fallback: T): T =>
  list.includes(s as T) ? (s as T) : fallback

export function explorerStateFromQuery(q: URLSearchParams): ExplorerState {
  const from = oneOf(q.get('from'), FROMS, DEFAULT_STATE.from)
  const partition = q.get('partition')
  const offset = q.get('offset')
  return {
    partitions: (q.get('partitions') ?? '').replace(/[^\d,\s]/g, ''),
    from,
    startOffset: /^\d{1,19}$/.test(q.get('startOffset') ?? '') ? (q.get('startOffset') as string) : '0',
    time: q.get('ts') && Number.isFinite(Number(q.get('ts'))) ? Number(q.get('ts')) : null,
    group: q.get('group') ?? '',
    direction: oneOf(q.get('dir'), ['forward', 'backward'] as const, from === 'newest' ? 'backward' : 'forward'),
    limit: intIn(q.get('limit'), 1, SCAN_BOUNDS.limit, DEFAULT_STATE.limit),
    maxScan: intIn(q.get('maxScan'), 1, SCAN_BOUNDS.maxScan, DEFAULT_STATE.maxScan),
    cel: (q.get('cel') ?? '').slice(0, MAX_CEL_LENGTH),
    contains: q.get('q') ?? '',
    keyFormat: oneOf(q.get('kf'), FORMATS, 'auto'),
    valueFormat: oneOf(q.get('vf'), FORMATS, 'auto'),
    selected:
      partition !== null && /^\d+$/.test(partition) && offset !== null && /^\d{1,19}$/.test(offset)
        ? { partition: Number(partition), offset }
        : null,
  }
}

/** Writes the state over `base` (which keeps other params such as ?tab=messages); defaults are left out. */
export function explorerStateToQuery(state: ExplorerState, base: URLSearchParams): URLSearchParams {
  const q = new URLSearchParams(base)
  const set = (key: string, value: string, fallback: string) => {
    if (value === fallback) q.delete(key)
    else q.set(key, value)
  }
  set('partitions', state.partitions.trim(), '')
  set('from', state.from, DEFAULT_STATE.from)
  set('startOffset', state.from === 'offset' ? state.startOffset : '0', '0')
  set('ts', state.from === 'timestamp' && state.time !== null ? String(state.time) : '', '')
  set('group', state.from === 'group' ? state.group : '', '')
  set('dir', state.direction, state.from === 'newest' ? 'backward' : 'forward')
  set('limit', String(state.limit), String(DEFAULT_STATE.limit))
  set('maxScan', String(state.maxScan), String(DEFAULT_STATE.maxScan))
  set('cel', state.cel, '')
  set('q', state.contains, '')
  set('kf', state.keyFormat, 'auto')
  set('vf', state.valueFormat, 'auto')
  set('partition', state.selected ? String(state.selected.partition) : '', '')
  set('offset', state.selected ? state.selected.offset : '', '')
  return q
}

/** The scan the controls ask for, or what is wrong with them. */
export function toScanRequest(state: ExplorerState): { request: ScanRequest } | { error: string } {
  const parts = state.partitions
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number)
  if (parts.some((p) => !Number.isInteger(p) || p < 0)) return { error: 'Partitions: numbers separated by commas' }
  let start: ScanRequest['start']
  switch (state.from) {
    case 'offset':
      if (!/^\d{1,19}$/.test(state.startOffset)) return { error: 'Start offset: a non-negative number' }
      start = { from: 'offset', offset: state.startOffset }
      break
    case 'timestamp':
      if (state.time === null || !Number.isFinite(state.time)) return { error: 'Pick a start date and time' }
      start = { from: 'timestamp', timestamp: state.time }
      break
    case 'group':
      if (!state.group.trim()) return { error: 'Enter a consumer group id' }
      start = { from: 'group', groupId: state.group.trim() }
      break
    default:
      start = { from: state.from }
  }
  return {
    request: {
      partitions: parts.length > 0 ? [...new Set(parts)] : undefined,
      start,
      direction: state.direction,
      limit: state.limit,
      maxScan: state.maxScan,
      maxMs: MAX_MS,
      filter:
        state.cel.trim() || state.contains
          ? { cel: state.cel.trim() || undefined, contains: state.contains || undefined }
          : undefined,
      keyFormat: state.keyFormat,
      valueFormat: state.valueFormat,
    },
  }
}

/** The scan that reopens one message of a permalink. */
export function singleMessageRequest(state: ExplorerState, partition: number, offset: string): ScanRequest {
  return {
    partitions: [partition],
    start: { from: 'offset', offset },
    direction: 'forward',
    limit: 1,
    maxScan: 1,
    maxMs: MAX_MS,
    keyFormat: state.keyFormat,
    valueFormat: state.valueFormat,
  }
}

/** epoch ms ↔ the local "YYYY-MM-DDTHH:mm:ss" of <input type="datetime-local">. */
export function toDatetimeLocal(ms: number | null): string {
  if (ms === null) return ''
  const d = new Date(ms)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}

export function fromDatetimeLocal(value: string): number | null {
  if (!value) return null
  const ms = new Date(value).getTime()
  return Number.isFinite(ms) ? ms : null
}

/** The larger bound offered by "raise the bound" after a scan stopped on it. */
export function raisedBound(current: number, max: number): number {
  return Math.min(max, current * 10)
}

/** "a JSON object" of the message, for "copy as JSON". */
export function messageAsJson(m: {
  partition: number
  offset: string
  timestamp: number
  timestampType: string
  key: { text?: string; json?: unknown; format: string }
  value: { text?: string; json?: unknown; format: string }
  headers: { key: string; value: { text?: string } }[]
}): string {
  const payload = (d: { text?: string; json?: unknown; format: string }) =>
    d.format === 'null' ? null : d.json !== undefined ? d.json : (d.text ?? null)
  return JSON.stringify(
    {
      partition: m.partition,
      offset: m.offset,
      timestamp: m.timestamp,
      timestampType: m.timestampType,
      key: payload(m.key),
      value: payload(m.value),
      headers: Object.fromEntries(m.headers.map((h) => [h.key, h.value.text ?? null])),
    },
    null,
    2,
  )
}
