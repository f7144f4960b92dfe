import 'server-only'
import { fetchLagTimes, lagTimeKey } from '@/lib/lag/fetch-lag-times'
import { getLagSnapshot } from '@/lib/lag/get-lag-snapshot'
import { describeGroups } from './describe-group'
import { getShareGroupLags } from './fetch-share-offsets'
import { hasCommittedOffsets } from './has-committed-offsets'
import { listGroupsByType } from './list-groups'
import type { GroupDescription, GroupList, GroupRow } from './types'

// The list page reads lag in time for at most this long; partitions left unread show no age, and the page says so.
const LAG_TIME_BUDGET_MS = 1_500

/**
 * Every group of the cluster as a groups-page row: its type and state from its own describe API, member count,
 * topics, total lag in messages and the age of its oldest unconsumed record. All groups are read in batched round
 * trips (ListGroups per broker, one describe per coordinator and type, OffsetFetch for many groups at once,
 * DescribeShareGroupOffsets per coordinator for share groups, ListOffsets and Fetch per leader), so the cost grows
 * with brokers, not with groups.
 */
export async function getGroupList(clusterId: string): Promise<GroupList> {
  const listing = await listGroupsByType(clusterId)
  const ids = listing.groups.map((g) => g.groupId)
  const withOffsets = listing.groups.filter(hasCommittedOffsets).map((g) => g.groupId)
  // Share groups have no committed offsets: their lag is the share-partition lag (DescribeShareGroupOffsets).
  const shareGroups = listing.groups.filter((g) => g.type === 'share').map((g) => g.groupId)
  const [descriptions, committedLags, shareLags] = await Promise.all([
    describeGroups(clusterId, ids),
    getLagSnapshot(clusterId, withOffsets),
    getShareGroupLags(clusterId, shareGroups),
  ])
  const lags = new Map([...committedLags, ...shareLags])
  const lagItems = [...lags.values()].flatMap((l) => l.partitions)
  const times = await fetchLagTimes(clusterId, lagItems, { budgetMs: LAG_TIME_BUDGET_MS })
  const notes = [...listing.notes]
  if (times.cut) {
    notes.push(
      `Lag in time was not read for ${times.cut.skipped} partition(s) (${times.cut.reason === 'time_budget' ? 'time budget spent' : 'too many partitions'}); open a group to see all of its partitions.`,
    )
  }
  const groups: GroupRow[] = listing.groups.map((g) => {
    const described = descriptions.get(g.groupId)
    const lag = lags.get(g.groupId)
    let maxLagMs: number | null = null
    for (const p of lag?.partitions ?? []) {
      if (p.committedOffset === null) continue
      const t = times.get(lagTimeKey(p.topic, p.partition, p.committedOffset))
      if (t?.lagMs != null && (maxLagMs === null || t.lagMs > maxLagMs)) maxLagMs = t.lagMs
    }
    return {
      ...g,
      // The describe answer is the truth for the state (ListGroups v4 and older cannot see KIP-848 states).
      state: described?.state ?? g.state,
      protocolType: described?.protocolType ?? g.protocolType,
      members: described?.members.length ?? 0,
      topics: topicsOf(described, lag?.partitions.map((p) => p.topic) ?? []),
      totalLag: lag ? lag.totalLag : null,
      maxLagMs,
    }
  })
  return { groups, supportedTypes: listing.supportedTypes, notes, fetchedAt: new Date().toISOString() }
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
