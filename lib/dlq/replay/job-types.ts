// The replay job as stored in the compacted `<prefix>replay-jobs` topic (key = job id): the public ReplayJob, who
// runs it, and the checkpoint a resumed run starts from.
import type { ReplayJob } from '../api-types'

/** Contiguous offsets [from, to] of one DLQ partition (decimal strings): a selection of 100k records stays small. */
export type CoordinateRuns = { partition: number; runs: [string, string][] }[]

export type TargetCheckpoint = {
  topic: string
  partition: number
  /** Every replayed record of this job in this partition below this offset is acknowledged and resolved. */
  next: string
  /** The highest offset written (string) and how many copies went there. */
  lastOffset: string
  count: number
}

export type Checkpoint = {
  /** Index into the job's coordinate list (partition, then offset order) of the next dead letter to handle. */
  cursor: number
  targets: TargetCheckpoint[]
  done: number
  refused: number
}

export type StoredJob = {
  job: ReplayJob
  /** The console instance running it. */
  owner: string
  /** Epoch ms of the runner's last report: older than replayLeaseMs and the job may be taken over. */
  heartbeatAt: number
  coordinates: CoordinateRuns
  checkpoint: Checkpoint
  /** Reasons of refused records (a sample). */
  refusals: { partition: number; offset: string; reason: string }[]
}

/** The coordinates as runs of consecutive offsets, partition by partition. */
export function runsOf(coords: { partition: number; offset: string }[]): CoordinateRuns {
  const sorted = sortCoordinates(coords)
  const out: CoordinateRuns = []
  for (const c of sorted) {
    let part = out[out.length - 1]
    if (!part || part.partition !== c.partition) {
      part = { partition: c.partition, runs: [] }
      out.push(part)
    }
    const last = part.runs[part.runs.length - 1]
    if (!last) {
      part.runs.push([c.offset, c.offset])
      continue
    }
    const after = compareOffsets(c.offset, last[1])
    if (after <= 0) continue // a duplicate
    const short = c.offset.length < 16 && last[1].length < 16
    if (short ? after === 1 : BigInt(last[1]) + 1n === BigInt(c.offset)) last[1] = c.offset
    else part.runs.push([c.offset, c.offset])
  }
  return out
}

/**
 * The coordinates of the runs, partitions interleaved (one offset of each in turn, each partition in offset order):
 * a chunk then spans every DLQ partition, and so usually every target partition, and one produce request carries
 * a batch for each. The order is deterministic: a checkpoint's cursor means the same on every console.
 */
export function expandRuns(runs: CoordinateRuns): { partition: number; offset: string }[] {
  const lists = runs.map((p) => {
    const out: string[] = []
    for (const [from, to] of p.runs) {
      const last = Number(to)
      // Offsets below 2^53 (all real ones) count as numbers: a 100k selection is expanded on the replay's start path.
      if (Number.isSafeInteger(last)) for (let o = Number(from); o <= last; o++) out.push(String(o))
      else for (let o = BigInt(from); o <= BigInt(to); o++) out.push(o.toString())
    }
    return { partition: p.partition, offsets: out }
  })
  const out: { partition: number; offset: string }[] = []
  const longest = Math.max(0, ...lists.map((l) => l.offsets.length))
  for (let i = 0; i < longest; i++) {
    for (const l of lists) if (i < l.offsets.length) out.push({ partition: l.partition, offset: l.offsets[i]! })
  }
  return out
}

export function sortCoordinates<C extends { partition: number; offset: string }>(coords: C[]): C[] {
  return [...coords].sort((a, b) => a.partition - b.partition || compareOffsets(a.offset, b.offset))
}

/** Decimal offsets compared as numbers (as bigints beyond 15 digits). */
export function compareOffsets(a: string, b: string): number {
  if (a.length < 16 && b.length < 16) return Number(a) - Number(b)
  const x = BigInt(a)
  const y = BigInt(b)
  return x < y ? -1 : x > y ? 1 : 0
}
