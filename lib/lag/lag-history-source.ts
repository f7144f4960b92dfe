import 'server-only'
import { getRecentSamples, getSparklines } from './history'
import type { SamplerStatus } from './history-types'
import type { RecentSamples } from './judge-groups'
import { getSamplerStatus } from './sampler'

// The one place pages, verdicts and metrics read the sampler's history from (this instance's in-memory copy of the
// samples topic).

/** The stored samples of a cluster's groups, for the verdict window. */
export function recentSamplesOf(clusterId: string): RecentSamples {
  return (groupId, count) => getRecentSamples(clusterId, groupId, count)
}

/** Total lag per group since `sinceMs` (epoch ms), for the groups list's sparklines. */
export function sparklinesOf(clusterId: string, sinceMs: number): Map<string, { t: number; totalLag: string }[]> {
  return getSparklines(clusterId, sinceMs)
}

/** The lag sampler's status on this instance. */
export function samplerStatusOf(clusterId: string): SamplerStatus | null {
  return getSamplerStatus(clusterId)
}
