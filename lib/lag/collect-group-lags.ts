import 'server-only'
import { describeGroups } from '@/lib/groups/describe-group'
import { getShareGroupLags } from '@/lib/groups/fetch-share-offsets'
import { hasCommittedOffsets } from '@/lib/groups/has-committed-offsets'
import { type GroupsByType, listGroupsByType } from '@/lib/groups/list-groups'
import type { GroupDescription } from '@/lib/groups/types'
import { partitionKey } from './compute-lag'
import { fetchLagTimes, type LagTimesCut, lagTimeKey } from './fetch-lag-times'
import { getLagSnapshot } from './get-lag-snapshot'
import type { PartitionLagWithTime } from './types'

export type GroupLags = {
  listing: GroupsByType
  descriptions: Map<string, GroupDescription>
  /** Per group with offsets (committed, or share-partition start offsets): every partition with lag and lag in time. */
  partitions: Map<string, PartitionLagWithTime[]>
  totalLag: Map<string, string>
  /** Why some lag-in-time reads were skipped (time budget, partition cap); null when all were made. */
  lagTimesCut: LagTimesCut | null
  fetchedAt: number
}

/**
 * Every group of the cluster with its description and per-partition lag in messages and in time, in batched round
 * trips whatever the number of groups: ListGroups per broker, one describe per coordinator and type, OffsetFetch for
 * many groups at once, DescribeShareGroupOffsets per coordinator, ListOffsets and Fetch per leader. The groups page,
 * the metrics endpoint and the lag sampler all read through here, so they agree.
 */
export async function collectGroupLags(clusterId: string, options: { lagTimeBudgetMs: number }): Promise<GroupLags> {
  const listing = await listGroupsByType(clusterId)
  const ids = listing.groups.map((g) => g.groupId)
  const withOffsets = listing.groups.filter(hasCommittedOffsets).map((g) => g.groupId)
  const shareGroups = listing.groups.filter((g) => g.type === 'share').map((g) => g.groupId)
  const [descriptions, committedLags, shareLags] = await Promise.all([
    describeGroups(clusterId, ids),
    getLagSnapshot(clusterId, withOffsets),
    getShareGroupLags(clusterId, shareGroups),
  ])
  const lags = new Map([...committedLags, ...shareLags])
  const times = await fetchLagTimes(
    clusterId,
    [...lags.values()].flatMap((l) => l.partitions),
    { budgetMs: options.lagTimeBudgetMs },
  )
  const partitions = new Map<string, PartitionLagWithTime[]>()
  const totalLag = new Map<string, string>()
  for (const [groupId, lag] of lags) {
    const consumers = assignmentsOf(descriptions.get(groupId))
    partitions.set(
      groupId,
      lag.partitions.map((p) => {
        const time =
          p.committedOffset === null ? undefined : times.get(lagTimeKey(p.topic, p.partition, p.committedOffset))
        const member = consumers.get(partitionKey(p.topic, p.partition))
        return {
          ...p,
          memberId: member?.memberId ?? null,
          clientId: member?.clientId ?? null,
          lagMs: time?.lagMs ?? null,
          lagMsSource: time?.source ?? 'none',
        }
      }),
    )
    totalLag.set(groupId, lag.totalLag)
  }
  return { listing, descriptions, partitions, totalLag, lagTimesCut: times.cut, fetchedAt: Date.now() }
}

/** Who consumes each partition now, keyed by partitionKey(). */
export function assignmentsOf(
  group: GroupDescription | undefined,
): Map<string, { memberId: string; clientId: string }> {
  const out = new Map<string, { memberId: string; clientId: string }>()
  for (const m of group?.members ?? []) {
    for (const { topic, partitions } of m.assignment) {
      for (const p of partitions) out.set(partitionKey(topic, p), { memberId: m.memberId, clientId: m.clientId })
    }
  }
  return out
}

/** The largest lag in time over the partitions, or null when none is known. */
export function maxLagMsOf(partitions: readonly PartitionLagWithTime[]): number | null {
  let max: number | null = null
  for (const p of partitions) if (p.lagMs !== null && (max === null || p.lagMs > max)) max = p.lagMs
  return max
}
