// Pure: the dead letters of one DLQ partition as parallel typed arrays (about 50 bytes a record, no object per
// record), so a million dead letters cost tens of MB and a full aggregation pass is a few milliseconds.

/** Strings seen many times (topics, error types, fingerprints) as small integer ids. */
export class Interner {
  private readonly ids = new Map<string, number>()
  readonly values: string[] = []

  idOf(value: string): number {
    let id = this.ids.get(value)
    if (id === undefined) {
      id = this.values.length
      this.values.push(value)
      this.ids.set(value, id)
    }
    return id
  }

  /** The id of a string already seen, or -1. */
  find(value: string): number {
    return this.ids.get(value) ?? -1
  }

  valueOf(id: number): string | undefined {
    return id < 0 ? undefined : this.values[id]
  }
}

export const STYLES = ['spring', 'connect', 'envelope', 'generic', 'unknown'] as const
export type IndexStyle = (typeof STYLES)[number]

/** One dead letter as appended to the columns; ids are Interner ids, -1 for "none". */
export type IndexEntry = {
  offset: number
  timestamp: number
  sourceTopicId: number
  sourcePartition: number
  /** -1 when unknown. */
  sourceOffset: number
  fingerprintId: number
  errorTypeId: number
  attempts: number
  replayCount: number
  style: number
}

const INITIAL = 64

export class DeadLetterColumns {
  length = 0
  offset = new Float64Array(INITIAL)
  timestamp = new Float64Array(INITIAL)
  sourceOffset = new Float64Array(INITIAL)
  sourceTopic = new Int32Array(INITIAL)
  sourcePartition = new Int32Array(INITIAL)
  fingerprint = new Int32Array(INITIAL)
  errorType = new Int32Array(INITIAL)
  attempts = new Int32Array(INITIAL)
  replayCount = new Uint16Array(INITIAL)
  style = new Uint8Array(INITIAL)

  push(e: IndexEntry): void {
    if (this.length === this.offset.length) this.grow(this.length * 2)
    const i = this.length++
    this.offset[i] = e.offset
    this.timestamp[i] = e.timestamp
    this.sourceOffset[i] = e.sourceOffset
    this.sourceTopic[i] = e.sourceTopicId
    this.sourcePartition[i] = e.sourcePartition
    this.fingerprint[i] = e.fingerprintId
    this.errorType[i] = e.errorTypeId
    this.attempts[i] = e.attempts
    this.replayCount[i] = Math.min(e.replayCount, 65_535)
    this.style[i] = e.style
  }

  /** The position of `offset`, or -1 (offsets are ascending: binary search). */
  indexOf(offset: number): number {
    const i = this.lowerBound(offset)
    return i < this.length && this.offset[i] === offset ? i : -1
  }

  /** The first position whose offset is ≥ `offset`. */
  lowerBound(offset: number): number {
    let lo = 0
    let hi = this.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if ((this.offset[mid] as number) < offset) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** Retention deleted the records below `logStart`: forget them (the arrays shift down in place). */
  dropBelow(logStart: number): number {
    const n = this.lowerBound(logStart)
    if (n === 0) return 0
    for (const a of this.arrays()) a.copyWithin(0, n, this.length)
    this.length -= n
    return n
  }

  /** Bytes held by the arrays (capacity, not just length). */
  get bytes(): number {
    return this.arrays().reduce((sum, a) => sum + a.byteLength, 0)
  }

  private arrays() {
    return [
      this.offset,
      this.timestamp,
      this.sourceOffset,
      this.sourceTopic,
      this.sourcePartition,
      this.fingerprint,
      this.errorType,
      this.attempts,
      this.replayCount,
      this.style,
    ]
  }

  private grow(capacity: number): void {
    const grown = <T extends Float64Array | Int32Array | Uint16Array | Uint8Array>(a: T): T => {
      const next = new (a.constructor as new (n: number) => T)(capacity)
      next.set(a)
      return next
    }
    this.offset = grown(this.offset)
    this.timestamp = grown(this.timestamp)
    this.sourceOffset = grown(this.sourceOffset)
    this.sourceTopic = grown(this.sourceTopic)
    this.sourcePartition = grown(this.sourcePartition)
    this.fingerprint = grown(this.fingerprint)
    this.errorType = grown(this.errorType)
    this.attempts = grown(this.attempts)
    this.replayCount = grown(this.replayCount)
    this.style = grown(this.style)
  }
}
