// What the replay's prepare step and batch encoder need of one dead letter, whether it sits in a DeadLetterTable
// (positions in fetched bytes) or is given as buffers.

/** The few operations the prepare step and the encoder need of a dead letter. */
export interface DeadLetterSource {
  readonly partition: number
  readonly offset: string
  readonly headerCount: number
  /** A header's name, decoded as UTF-8 (interned: the same names repeat on every record). */
  headerKey(i: number): string
  headerValue(i: number): Buffer | null
  key(): Buffer | null
  value(): Buffer | null
  /** Byte lengths (-1: null) and copies, without views. */
  keyLength(): number
  valueLength(): number
  headerKeyLength(i: number): number
  headerValueLength(i: number): number
  copyKey(target: Buffer, at: number): number
  copyValue(target: Buffer, at: number): number
  copyHeaderKey(i: number, target: Buffer, at: number): number
  copyHeaderValue(i: number, target: Buffer, at: number): number
}

/** A dead letter given as buffers (tests, object sources) behind the same interface. */
export function deadLetterOf(r: {
  partition: number
  offset: string
  key: Buffer | null
  value: Buffer | null
  headers: [Buffer | null, Buffer | null][]
}): DeadLetterSource {
  const len = (b: Buffer | null | undefined) => (b ? b.length : -1)
  const put = (b: Buffer | null | undefined, target: Buffer, at: number) => (b ? b.copy(target, at) : 0)
  return {
    partition: r.partition,
    offset: r.offset,
    headerCount: r.headers.length,
    headerKey: (i) => r.headers[i]![0]?.toString('utf8') ?? '',
    headerValue: (i) => r.headers[i]![1],
    key: () => r.key,
    value: () => r.value,
    keyLength: () => len(r.key),
    valueLength: () => len(r.value),
    headerKeyLength: (i) => Math.max(0, len(r.headers[i]![0])),
    headerValueLength: (i) => len(r.headers[i]![1]),
    copyKey: (target, at) => put(r.key, target, at),
    copyValue: (target, at) => put(r.value, target, at),
    copyHeaderKey: (i, target, at) => put(r.headers[i]![0], target, at),
    copyHeaderValue: (i, target, at) => put(r.headers[i]![1], target, at),
  }
}
