// Shared by server and browser: the live tail's contract. No imports but types.
import type { PayloadFormat } from '../types'

export type TailRequest = {
  /** Partitions to follow; all (including partitions added while tailing) when absent. */
  partitions?: number[]
  filter?: { cel?: string; contains?: string }
  keyFormat?: PayloadFormat
  valueFormat?: PayloadFormat
  /** Wall-clock bound of the tail. */
  maxMs: number
}

export const TAIL_LIMITS = {
  /** Server-side cap on one tail's duration. */
  maxMs: 30 * 60_000,
  /** Matching messages sent per second at most; the rest are counted as skipped. */
  sendPerSec: 500,
  /** A partition this many records behind its end jumps to the end (the jumped records count as skipped). */
  maxLag: 10_000,
} as const

export type TailStopReason = 'maxMs' | 'cancelled'

export type TailProgress = {
  /** Records read since the tail started, matching or not. */
  scanned: number
  /** Matching records sent. */
  matched: number
  /** Records not sent because the reader could not keep up: matches over the rate cap, and records jumped over. */
  skipped: number
  /** Records read per second since the last progress. */
  ratePerSec: number
  partitions: number
  filterErrors?: number
  done: boolean
  stopReason?: TailStopReason
}
