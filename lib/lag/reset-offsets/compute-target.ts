// Pure: where each partition's committed offset goes, following Kafka's ConsumerGroupCommand (prepareOffsetsToReset)
// exactly, in BigInt so offsets beyond 2^53 stay exact.
import type { ResetMode } from './types'

/** The mode with its value parsed: timestamp in epoch ms, offsets as bigint. */
export type ParsedMode =
  | { kind: 'earliest' }
  | { kind: 'latest' }
  | { kind: 'timestamp'; timestamp: number }
  | { kind: 'offset'; offset: bigint }
  | { kind: 'shift'; by: bigint }

export type PartitionFacts = {
  /** The group's committed offset, or null without one. */
  current: bigint | null
  low: bigint
  high: bigint
  /** Timestamp mode: ListOffsets' answer for the timestamp; -1 (or null) when no record is that recent. */
  offsetForTimestamp?: bigint | null
}

export type Target = { target: bigint; clamped: boolean } | { skip: string }

export function parseMode(mode: ResetMode): ParsedMode {
  switch (mode.kind) {
    case 'earliest':
    case 'latest':
      return { kind: mode.kind }
    case 'timestamp':
      return {
        kind: 'timestamp',
        timestamp: typeof mode.timestamp === 'number' ? mode.timestamp : Date.parse(mode.timestamp),
      }
    case 'offset':
      return { kind: 'offset', offset: BigInt(mode.offset.trim()) }
    case 'shift':
      return { kind: 'shift', by: BigInt(mode.by.trim()) }
  }
}

/**
 * ConsumerGroupCommand's checkOffsetsRange: above the log end → the end; else below the log start → the start. Used
 * for --to-offset and --shift-by; --to-earliest/--to-latest are the bounds themselves.
 */
export function clampInto(offset: bigint, low: bigint, high: bigint): { target: bigint; clamped: boolean } {
  if (offset > high) return { target: high, clamped: true }
  if (offset < low) return { target: low, clamped: true }
  return { target: offset, clamped: false }
}

export function targetOf(mode: ParsedMode, p: PartitionFacts): Target {
  switch (mode.kind) {
    case 'earliest':
      return { target: p.low, clamped: false }
    case 'latest':
      return { target: p.high, clamped: false }
    case 'offset':
      return clampInto(mode.offset, p.low, p.high)
    case 'shift':
      // The tool stops with "Cannot shift offset … since there is no current committed offset"; Ferry leaves the
      // partition alone and says why, so the other partitions can still be shifted.
      if (p.current === null) return { skip: 'no committed offset to shift from' }
      return clampInto(p.current + mode.by, p.low, p.high)
    case 'timestamp': {
      // ListOffsets gives the first offset whose timestamp is at or after the time; none ("-1") falls back to the
      // log end, as the tool does ("Falling back to latest known offset").
      const found = p.offsetForTimestamp
      if (found === undefined || found === null || found < 0n) return { target: p.high, clamped: true }
      return { target: found, clamped: false }
    }
  }
}

/** Lag at an offset: high − offset, floored at 0. */
export function lagAt(offset: bigint, high: bigint): bigint {
  return high > offset ? high - offset : 0n
}

/** The mode in words for the preview and the audit summary. */
export function modeText(mode: ParsedMode): string {
  switch (mode.kind) {
    case 'earliest':
      return 'to the earliest offset'
    case 'latest':
      return 'to the latest offset'
    case 'timestamp':
      return `to the first offset at or after ${new Date(mode.timestamp).toISOString()}`
    case 'offset':
      return `to offset ${mode.offset}`
    case 'shift':
      return `shifted by ${mode.by > 0n ? '+' : ''}${mode.by}`
  }
}
