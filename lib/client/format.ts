// Display formatters shared by every view. Kafka's int64 values arrive as decimal strings; BigInt keeps them exact.

type Numeric = string | number | bigint | null | undefined

const INTEGER = /^-?\d+$/
const PLACEHOLDER = '—'

/** The value as a bigint, or null when it is missing or not an integer. */
export function parseBigInt(value: Numeric): bigint | null {
  if (typeof value === 'bigint') return value
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : null
  if (typeof value === 'string' && INTEGER.test(value.trim())) return BigInt(value.trim())
  return null
}

function groupThousands(n: bigint): string {
  return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** "1234567" → "1,234,567", exact beyond 2^53. Locale-independent so server and browser render the same text. */
export function formatCount(value: Numeric): string {
  const n = parseBigInt(value)
  return n === null ? PLACEHOLDER : groupThousands(n)
}

const DURATION_UNITS: ReadonlyArray<readonly [string, bigint]> = [
  ['d', 86_400_000n],
  ['h', 3_600_000n],
  ['min', 60_000n],
  ['s', 1_000n],
  ['ms', 1n],
]

/** Milliseconds as at most two units: "7 d", "1 h 30 min", "500 ms"; negative (Kafka's -1) is "∞". */
export function formatDuration(ms: Numeric): string {
  let rest = parseBigInt(ms)
  if (rest === null) return PLACEHOLDER
  if (rest < 0n) return '∞'
  if (rest === 0n) return '0 ms'
  const parts: string[] = []
  for (const [unit, size] of DURATION_UNITS) {
    if (parts.length === 2) break
    const whole = rest / size
    if (whole > 0n) parts.push(`${groupThousands(whole)} ${unit}`)
    rest %= size
  }
  return parts.join(' ')
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'] as const

/** Bytes in binary units with one decimal at most: "1 GiB", "1.5 KiB"; negative (Kafka's -1) is "∞". */
export function formatBytes(bytes: Numeric): string {
  const n = parseBigInt(bytes)
  if (n === null) return PLACEHOLDER
  if (n < 0n) return '∞'
  let unit = 0
  let scale = 1n
  while (unit < BYTE_UNITS.length - 1 && n >= scale * 1024n) {
    scale *= 1024n
    unit++
  }
  // Integer part exact in BigInt; only the remainder goes through floating point.
  const whole = n / scale
  let tenths = Math.round((Number(n % scale) / Number(scale)) * 10)
  let wholeOut = whole
  if (tenths === 10) {
    wholeOut += 1n
    tenths = 0
  }
  return `${groupThousands(wholeOut)}${tenths ? `.${tenths}` : ''} ${BYTE_UNITS[unit]}`
}

/** "1 replica", "14 replicas". */
export function pluralize(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : plural}`
}

const LAG_UNITS: ReadonlyArray<readonly [string, number]> = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['min', 60_000],
  ['s', 1_000],
]

/** A lag in time as one whole unit, rounded down: "12 s", "4 min", "3 h", "2 d"; under a second is "< 1 s". */
export function formatLagDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return PLACEHOLDER
  if (ms < 1_000) return '< 1 s'
  for (const [unit, size] of LAG_UNITS) {
    // Two days and more read as days; below that, hours are more telling ("30 h" rather than "1 d").
    if (unit === 'd' ? ms >= 2 * size : ms >= size) return `${formatCount(Math.floor(ms / size))} ${unit}`
  }
  return PLACEHOLDER
}
