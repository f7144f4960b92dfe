// No runtime imports: the browser uses these for the range selector.
import type { LagHistoryRange } from '../history-types'

/** The ranges the history charts offer, shortest first. */
export const LAG_HISTORY_RANGES = ['15m', '1h', '6h', '24h', '7d'] as const satisfies readonly LagHistoryRange[]

export const RANGE_MS: Record<LagHistoryRange, number> = {
  '15m': 15 * 60_000,
  '1h': 3_600_000,
  '6h': 6 * 3_600_000,
  '24h': 24 * 3_600_000,
  '7d': 7 * 24 * 3_600_000,
}
