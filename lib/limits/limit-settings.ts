// Pure: reads numbers from an env-like record so tests can pass their own.

export type LimitSettings = {
  /** Expensive scans (scan, export, live tail, DLQ query) one user may start at once… */
  scanBurst: number
  /** …and how many more a minute after that. */
  scansPerMinute: number
  /** Scans (scan, export, DLQ query) running at once on one cluster, over all users. */
  scansPerCluster: number
  /** Live tails open at once on one cluster (long-lived, so counted apart from scans). */
  tailsPerCluster: number
  /** Replay jobs running at once on one cluster. */
  replaysPerCluster: number
  /** How long a request waits for a free slot before it is refused. */
  slotWaitMs: number
}

export const DEFAULT_LIMITS: LimitSettings = {
  scanBurst: 60,
  scansPerMinute: 120,
  scansPerCluster: 8,
  tailsPerCluster: 32,
  replaysPerCluster: 2,
  slotWaitMs: 2_000,
}

const ENV: Record<keyof LimitSettings, string> = {
  scanBurst: 'FERRY_LIMIT_SCAN_BURST',
  scansPerMinute: 'FERRY_LIMIT_SCANS_PER_MINUTE',
  scansPerCluster: 'FERRY_LIMIT_SCANS_PER_CLUSTER',
  tailsPerCluster: 'FERRY_LIMIT_TAILS_PER_CLUSTER',
  replaysPerCluster: 'FERRY_LIMIT_REPLAYS_PER_CLUSTER',
  slotWaitMs: 'FERRY_LIMIT_SLOT_WAIT_MS',
}

/** The defaults, each overridable by a positive integer in its FERRY_LIMIT_* variable (anything else is ignored). */
export function limitSettingsOf(env: Record<string, string | undefined>): LimitSettings {
  const out = { ...DEFAULT_LIMITS }
  for (const key of Object.keys(ENV) as (keyof LimitSettings)[]) {
    const raw = env[ENV[key]]
    const n = raw === undefined ? Number.NaN : Number(raw)
    if (Number.isInteger(n) && n > 0) out[key] = n
  }
  return out
}
