// Pure: resolution *runs*, the records of `<prefix>dlq-resolutions`. One record carries the resolutions of up to
// MAX_RUN_ENTRIES dead letters of one DLQ partition (their offsets, replay counts and copies' offsets as runs of
// consecutive numbers), so a replay of 100,000 dead letters writes a few dozen small records, not 100,000.
// Keys are unique per run (compaction keeps every run); all runs of a DLQ partition go to one resolutions partition
// (homePartitionKeyOf), so reading in log order, the latest resolution of a dead letter wins.
import type { DeadLetterResolution } from '../api-types'

/** Dead letters per run record: far below 1 MB even when no two offsets or copies are consecutive. */
export const MAX_RUN_ENTRIES = 5_000
/** A run claiming more dead letters than this is not one Ferry wrote: ignored (bounds the reader's memory). */
const MAX_READ_ENTRIES = 100_000

export type RunCommon = {
  clusterId: string
  status: DeadLetterResolution['status']
  at: string
  by: string
  jobId?: string
  reason?: string
}

export type RunValue = RunCommon & {
  v: 1
  dlqTopic: string
  partition: number
  /** DLQ offsets in order, as [first offset, count] of consecutive offsets. */
  offsets: [string, number][]
  /** The replay count of every dead letter, or one per dead letter in order. */
  replayCount: number | number[]
  /** Replayed: the target topics, and the copies as [topic index, partition, first offset, count] runs. */
  topics?: string[]
  targets?: [number, number, string, number][]
}

export type RunTarget = { topic: string; partition: number; offset: bigint | string }

/** One dead letter of a run, as the reader sees it. */
export type RunEntry = {
  offset: number
  replayCount: number
  target?: { topic: string; partition: number; offset: string }
}

/** The record key of a run: JSON ["run", dlqTopic, partition, id] (id unique per run). */
export function runKeyOf(dlqTopic: string, partition: number, id: string): string {
  return JSON.stringify(['run', dlqTopic, partition, id])
}

/** The DLQ partition a run key names, or null for a key that is not a run's. */
export function runOfKey(key: string): { dlqTopic: string; partition: number } | null {
  if (!key.startsWith('["run",')) return null
  try {
    const v = JSON.parse(key) as unknown
    if (!Array.isArray(v) || v.length !== 4) return null
    const [, dlqTopic, partition] = v as unknown[]
    if (typeof dlqTopic !== 'string' || !Number.isInteger(partition) || (partition as number) < 0) return null
    return { dlqTopic, partition: partition as number }
  } catch {
    return null
  }
}

/** What the resolutions partition of a DLQ partition's records is chosen by (murmur2, like a keyed record). */
export function homePartitionKeyOf(dlqTopic: string, partition: number): string {
  return JSON.stringify([dlqTopic, partition])
}

type OpenRun = {
  value: RunValue
  entries: number
  counts: number[]
  lastOffset: number
  topicIndex: Map<string, number>
  lastTarget: number
}

/** Collects resolutions sharing `common`, in order, into runs per DLQ partition. */
export class ResolutionRunBuilder {
  private readonly open = new Map<number, OpenRun>()
  private readonly closed: RunValue[] = []

  constructor(
    readonly dlqTopic: string,
    readonly common: RunCommon,
  ) {}

  add(partition: number, offset: string, replayCount: number, target?: RunTarget): void {
    let run = this.open.get(partition)
    if (!run) {
      run = {
        value: { v: 1, ...this.common, dlqTopic: this.dlqTopic, partition, offsets: [], replayCount: 0 },
        entries: 0,
        counts: [],
        lastOffset: Number.NaN,
        topicIndex: new Map(),
        lastTarget: Number.NaN,
      }
      this.open.set(partition, run)
    }
    const v = run.value
    const n = Number(offset)
    const last = v.offsets[v.offsets.length - 1]
    // Offsets beyond 2^53 (not met in practice) each make their own run: exact, just not compressed.
    if (last && n === run.lastOffset + 1 && Number.isSafeInteger(n)) last[1]++
    else v.offsets.push([offset, 1])
    run.lastOffset = Number.isSafeInteger(n) ? n : Number.NaN
    run.counts.push(replayCount)
    if (target) {
      v.topics ??= []
      v.targets ??= []
      let ti = run.topicIndex.get(target.topic)
      if (ti === undefined) {
        ti = v.topics.length
        v.topics.push(target.topic)
        run.topicIndex.set(target.topic, ti)
      }
      const t = Number(target.offset)
      const lt = v.targets[v.targets.length - 1]
      if (lt && lt[0] === ti && lt[1] === target.partition && t === run.lastTarget + 1 && Number.isSafeInteger(t))
        lt[3]++
      else v.targets.push([ti, target.partition, String(target.offset), 1])
      run.lastTarget = Number.isSafeInteger(t) ? t : Number.NaN
    }
    if (++run.entries >= MAX_RUN_ENTRIES) this.close(partition, run)
  }

  /** Every run, the open ones closed. */
  finish(): RunValue[] {
    for (const [partition, run] of this.open) this.close(partition, run)
    return this.closed
  }

  private close(partition: number, run: OpenRun): void {
    const first = run.counts[0] ?? 0
    run.value.replayCount = run.counts.every((c) => c === first) ? first : run.counts
    this.closed.push(run.value)
    this.open.delete(partition)
  }
}

/** A run read from the topic, checked (anyone may write that topic), or null when it is not a valid run. */
export function parseRunValue(raw: unknown, key: { dlqTopic: string; partition: number }): RunValue | null {
  if (!raw || typeof raw !== 'object') return null
  const v = raw as Partial<RunValue>
  if (v.v !== 1 || v.dlqTopic !== key.dlqTopic || v.partition !== key.partition) return null
  if (v.status !== 'replayed' && v.status !== 'discarded') return null
  if (typeof v.at !== 'string' || typeof v.by !== 'string') return null
  const entries = totalOf(v.offsets, (r) => r.length === 2 && isOffset(r[0]) && isCount(r[1]))
  if (entries === null || entries > MAX_READ_ENTRIES) return null
  const rc = v.replayCount
  if (Array.isArray(rc) ? rc.length !== entries || !rc.every(isCount0) : !isCount0(rc)) return null
  if (v.targets !== undefined) {
    if (!Array.isArray(v.topics) || !v.topics.every((t) => typeof t === 'string')) return null
    const n = v.topics.length
    const targets = totalOf(
      v.targets,
      (r) =>
        r.length === 4 &&
        Number.isInteger(r[0]) &&
        (r[0] as number) >= 0 &&
        (r[0] as number) < n &&
        Number.isInteger(r[1]) &&
        (r[1] as number) >= 0 &&
        isOffset(r[2]) &&
        isCount(r[3]),
    )
    if (targets !== entries) return null
  }
  return v as RunValue
}

/** Calls `each` for every dead letter of a run, in order. */
export function forEachRunEntry(v: RunValue, each: (entry: RunEntry) => void): void {
  const counts = v.replayCount
  const targets = v.targets ?? []
  let ti = 0
  let tUsed = 0
  let i = 0
  for (const [first, count] of v.offsets) {
    const base = Number(first)
    for (let k = 0; k < count; k++, i++) {
      const entry: RunEntry = { offset: base + k, replayCount: typeof counts === 'number' ? counts : counts[i]! }
      const t = targets[ti]
      if (t) {
        entry.target = { topic: v.topics![t[0]]!, partition: t[1], offset: offsetPlus(t[2], tUsed) }
        if (++tUsed >= t[3]) {
          ti++
          tUsed = 0
        }
      }
      each(entry)
    }
  }
}

function offsetPlus(first: string, k: number): string {
  if (k === 0) return first
  const n = Number(first) + k
  return Number.isSafeInteger(n) ? String(n) : (BigInt(first) + BigInt(k)).toString()
}

/** The sum of the runs' counts (their last element), or null when one is malformed. */
function totalOf(list: unknown, valid: (run: unknown[]) => boolean): number | null {
  if (!Array.isArray(list)) return null
  let n = 0
  for (const run of list) {
    if (!Array.isArray(run) || !valid(run)) return null
    n += run[run.length - 1] as number
  }
  return n
}

function isOffset(x: unknown): boolean {
  return typeof x === 'string' && /^\d{1,19}$/.test(x)
}

function isCount(x: unknown): boolean {
  return Number.isInteger(x) && (x as number) >= 1 && (x as number) <= MAX_READ_ENTRIES
}

function isCount0(x: unknown): boolean {
  return Number.isInteger(x) && (x as number) >= 0
}
