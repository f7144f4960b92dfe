/** A small seeded random source, so the demo's data looks varied yet replays identically for a given seed. */
export type Rng = {
  /** Uniform in [0, 1). */
  next(): number
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number
  /** Number in [min, max) rounded to `decimals` places. */
  float(min: number, max: number, decimals?: number): number
  chance(probability: number): boolean
  pick<T>(items: readonly T[]): T
  /** Picks a key with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K
  /** A version-4-shaped UUID drawn from this source (not cryptographically random, on purpose). */
  uuid(): string
  /** Upper-case base-32 id fragment of the given length, e.g. for order numbers. */
  code(length: number): string
}

const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ0123456789'

/** mulberry32: tiny, fast and good enough for synthetic data. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  const hex = (n: number) => Array.from({ length: n }, () => int(0, 15).toString(16)).join('')
  return {
    next,
    int,
    float: (min, max, decimals = 2) => Number((min + next() * (max - min)).toFixed(decimals)),
    chance: (probability) => next() < probability,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick() needs at least one item')
      return items[Math.floor(next() * items.length)] as (typeof items)[number]
    },
    weighted: (weights) => {
      const entries = Object.entries(weights) as [keyof typeof weights, number][]
      const total = entries.reduce((sum, [, w]) => sum + w, 0)
      let roll = next() * total
      for (const [key, w] of entries) {
        roll -= w
        if (roll < 0) return key
      }
      return entries[entries.length - 1]![0]
    },
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[int(0, 3)]}${hex(3)}-${hex(12)}`,
    code: (length) => Array.from({ length }, () => CODE_ALPHABET[int(0, CODE_ALPHABET.length - 1)]).join(''),
  }
}
