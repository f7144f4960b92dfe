import 'server-only'
import { collectGroupLags, maxLagMsOf } from '@/lib/lag/collect-group-lags'
import { judgeGroups } from '@/lib/lag/judge-groups'
import { recentSamplesOf, sparklinesOf } from '@/lib/lag/lag-history-source'
import { sampleOf } from '@/lib/lag/sample-of'
import type { GroupDescription, GroupList, GroupRow } from './types'

// The list page reads lag in time for at most this long; partitions left unread show no age, and the page says so.
const LAG_TIME_BUDGET_MS = 1_500
const SPARKLINE_MS = 3_600_000

/**
 * Every group of the cluster as a groups-page row: its type and state from its own describe API, member count,
 * topics, total lag in messages, the age of its oldest unconsumed record, its verdict over the sampler's window and
 * an hour of total lag for the sparkline. Reads are batched (see collectGroupLags): the cost grows with brokers, not
 * with groups.
 */
export async function getGroupList(clusterId: string): Promise<GroupList> {
  const lags = await collectGroupLags(clusterId, { lagTimeBudgetMs: LAG_TIME_BUDGET_MS })
  const { listing, descriptions } = lags
  const notes = [...listing.notes]
  if (lags.lagTimesCut) {
    const why = lags.lagTimesCut.reason === 'time_budget' ? 'time budget spent' : 'too many partitions'
    notes.push(
      `Lag in time was not read for ${lags.lagTimesCut.skipped} partition(s) (${why}); open a group to see all of its partitions.`,
    )
  }
  const current = [...lags.partitions].map(([groupId, partitions]) => {
    const d = descriptions.get(groupId)
    return sampleOf(
      lags.fetchedAt,
      { groupId, state: d?.state ?? 'Unknown', members: d?.members.length ?? 0 },
      partitions,
    )
  })
  const verdicts = await judgeGroups(clusterId, current, recentSamplesOf(clusterId))
  const sparklines = sparklinesOf(clusterId, lags.fetchedAt - SPARKLINE_MS)
  const groups: GroupRow[] = listing.groups.map((g) => {
    const described = descriptions.get(g.groupId)
    const partitions = lags.partitions.get(g.groupId)
    const verdict = verdicts.get(g.groupId)
    return {
      ...g,
      // The describe answer is the truth for the state (ListGroups v4 and older cannot see KIP-848 states).
      state: described?.state ?? g.state,
      protocolType: described?.protocolType ?? g.protocolType,
      members: described?.members.length ?? 0,
      topics: topicsOf(described, partitions?.map((p) => p.topic) ?? []),
      totalLag: lags.totalLag.get(g.groupId) ?? null,
      maxLagMs: partitions ? maxLagMsOf(partitions) : null,
      verdict: verdict?.verdict ?? null,
      verdictReason: verdict?.reason ?? null,
      sparkline: sparklines.get(g.groupId) ?? [],
    }
  })
  return { groups, supportedTypes: listing.supportedTypes, notes, fetchedAt: new Date(lags.fetchedAt).toISOString() }
}

/** Topics the group committed on, is assigned or subscribed to, sorted. */
function topicsOf(described: GroupDescription | undefined, committed: string[]): string[] {
  const topics = new Set(committed)
  for (const m of described?.members ?? []) {
    for (const t of m.subscribedTopics) topics.add(t)
    for (const a of m.assignment) topics.add(a.topic)
  }
  return [...topics].sort()
}
