// Reused memory for a replay's large, short-lived buffers: the dead letters fetched for a chunk and the record
// batches encoded from them (~100 MB each per 100,000 dead letters of ~1 KiB). Fresh buffers of that size are
// external memory to V8, and their churn alone set off a full mark-compact every ~150 ms of a replay.
// A buffer goes back to the pool only when nothing reads it any more: the fetched bytes once their chunk is encoded
// and acknowledged, a batch once its request is answered. Anything not given back is simply collected.

const MIN_CLASS = 16
const MAX_CLASS = 23 // 8 MiB: larger sizes are allocated as usual
/** Bytes kept free in the pool at most. */
const MAX_FREE_BYTES = 64 * 1024 * 1024

const free: Buffer[][] = Array.from({ length: MAX_CLASS + 1 }, () => [])
let freeBytes = 0
/** The slabs handed out and not given back yet, by their ArrayBuffer: only those can be given back, once. */
const lent = new WeakSet<ArrayBufferLike>()

function classOf(size: number): number {
  let c = MIN_CLASS
  while (1 << c < size) c++
  return c
}

/** Free slabs are dropped after this long without use: a server keeps no pool between replays. */
const IDLE_MS = 10_000
let lastUse = 0
let trimmer: ReturnType<typeof setInterval> | undefined

function used(): void {
  lastUse = Date.now()
  trimmer ??= setInterval(() => dropIfIdle(Date.now()), IDLE_MS)
  trimmer.unref?.()
}

/** Drops the free buffers when the pool was last used IDLE_MS or more before `now` (run by a timer). */
export function dropIfIdle(now: number): void {
  if (now - lastUse < IDLE_MS) return
  for (const list of free) list.length = 0
  freeBytes = 0
  clearInterval(trimmer)
  trimmer = undefined
}

/** A buffer of exactly `size` bytes (contents undefined), from the pool when one of its size class is free. */
export function takeBuffer(size: number): Buffer {
  if (size > 1 << MAX_CLASS) return Buffer.allocUnsafe(size)
  used()
  const c = classOf(size)
  let slab = free[c]!.pop()
  if (slab) freeBytes -= slab.length
  else slab = Buffer.allocUnsafeSlow(1 << c)
  lent.add(slab.buffer)
  return slab.subarray(0, size)
}

/** Gives back a buffer from takeBuffer whose bytes nothing will read again (others are ignored). */
export function giveBack(buf: Buffer): void {
  const slab = buf.buffer
  if (!lent.has(slab) || buf.byteOffset !== 0) return
  lent.delete(slab)
  const c = classOf(slab.byteLength)
  if (freeBytes + slab.byteLength > MAX_FREE_BYTES) return
  free[c]!.push(Buffer.from(slab, 0, slab.byteLength))
  freeBytes += slab.byteLength
  used()
}

/** What the pool holds free now (tests). */
export function pooledBytes(): number {
  return freeBytes
}
