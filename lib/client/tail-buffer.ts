// Pure: the rows of a live tail, newest first and bounded, with what arrived while paused held apart (also bounded).

export const TAIL_ROW_CAP = 5_000

export type TailBuffer<T> = {
  /** Shown rows, newest first, at most `cap`. */
  rows: T[]
  /** Arrived while paused, newest first, at most `cap`. */
  held: T[]
  /** How many arrived while paused (can exceed what `held` keeps). */
  heldCount: number
  paused: boolean
}

export function emptyTailBuffer<T>(): TailBuffer<T> {
  return { rows: [], held: [], heldCount: 0, paused: false }
}

/** A batch in arrival order (oldest first): prepended newest first, the oldest rows dropped past the cap. */
export function addToTail<T>(b: TailBuffer<T>, batch: readonly T[], cap = TAIL_ROW_CAP): TailBuffer<T> {
  if (batch.length === 0) return b
  const newest = batch.slice(-cap).reverse()
  if (b.paused) {
    return { ...b, held: [...newest, ...b.held].slice(0, cap), heldCount: b.heldCount + batch.length }
  }
  return { ...b, rows: [...newest, ...b.rows].slice(0, cap) }
}

export function pauseTail<T>(b: TailBuffer<T>): TailBuffer<T> {
  return b.paused ? b : { ...b, paused: true }
}

/** What was held goes on top of the rows, up to the cap. */
export function resumeTail<T>(b: TailBuffer<T>, cap = TAIL_ROW_CAP): TailBuffer<T> {
  if (!b.paused) return b
  return { rows: [...b.held, ...b.rows].slice(0, cap), held: [], heldCount: 0, paused: false }
}
