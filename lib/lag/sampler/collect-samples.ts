import 'server-only'
import { collectGroupLags } from '../collect-group-lags'
import type { GroupLagSample } from '../history-types'
import { sampleOf } from '../sample-of'

// Lag in time is the slow part (one Fetch per leader); a tick spends at most this share of the interval on it, and
// partitions left unread are sampled without an age rather than delaying the tick.
const LAG_TIME_SHARE = 0.3
const LAG_TIME_MAX_BUDGET_MS = 5_000

/**
 * One sample per group with offsets (classic and KIP-848 consumer groups, streams groups, share groups with their
 * share-partition start offsets), read exactly as the groups page reads them (collectGroupLags), so history and page
 * agree. Kafka Connect's worker groups have no offsets and are not sampled.
 */
export async function collectSamples(clusterId: string, intervalMs: number): Promise<GroupLagSample[]> {
  const lagTimeBudgetMs = Math.min(LAG_TIME_MAX_BUDGET_MS, Math.round(intervalMs * LAG_TIME_SHARE))
  const lags = await collectGroupLags(clusterId, { lagTimeBudgetMs })
  return [...lags.partitions].map(([groupId, partitions]) => {
    const described = lags.descriptions.get(groupId)
    const listed = lags.listing.groups.find((g) => g.groupId === groupId)
    const group = {
      groupId,
      state: described?.state ?? listed?.state ?? 'Unknown',
      members: described?.members.length ?? 0,
    }
    return sampleOf(lags.fetchedAt, group, partitions)
  })
}
