import 'server-only'
import { describeGroup } from '@/lib/groups/describe-group'
import { getShareGroupLags } from '@/lib/groups/fetch-share-offsets'
import { hasCommittedOffsets } from '@/lib/groups/has-committed-offsets'
import { assignmentsOf, maxLagMsOf } from './collect-group-lags'
import { partitionKey } from './compute-lag'
import { fetchLagTimes, lagTimeKey } from './fetch-lag-times'
import { type GroupLagSnapshot, getLagSnapshot } from './get-lag-snapshot'
import { judgeGroups } from './judge-groups'
import { recentSamplesOf } from './lag-history-source'
import { sampleOf } from './sample-of'
import type { GroupDetail, PartitionLagWithTime } from './types'

// One group's page reads every lagging partition's oldest unconsumed record; a budget keeps a huge group responsive.
const LAG_TIME_BUDGET_MS = 4_000

/**
 * One group: its description from its type's own describe API, and per partition its committed offset, watermarks,
 * lag in messages and lag in time (the age of the record at the committed offset), with the member consuming it.
 * Unknown group → ApiError('not_found'). Share groups get their share-partition start offsets in place of committed
 * offsets, with Kafka's share-partition lag (offsetKind 'share-start'); other groups without committed offsets
 * (Connect) get no partitions.
 */
export async function getGroupDetail(clusterId: string, groupId: string): Promise<GroupDetail> {
  const group = await describeGroup(clusterId, groupId)
  const share = group.type === 'share'
  if (!share && !hasCommittedOffsets(group)) {
    return { group, partitions: [], totalLag: '0', maxLagMs: null, fetchedAt: new Date().toISOString(), verdict: null }
  }
  const assigned = assignmentsOf(group)
  const assignedTopics = new Set(group.members.flatMap((m) => m.assignment.map((a) => a.topic)))
  const snapshot: GroupLagSnapshot | undefined = share
    ? (await getShareGroupLags(clusterId, [groupId])).get(groupId)
    : (await getLagSnapshot(clusterId, [groupId], new Map([[groupId, [...assignedTopics]]]))).get(groupId)
  const lagging = snapshot?.partitions ?? []
  const times = await fetchLagTimes(clusterId, lagging, { budgetMs: LAG_TIME_BUDGET_MS })
  const partitions: PartitionLagWithTime[] = lagging.map((p) => {
    const member = assigned.get(partitionKey(p.topic, p.partition))
    const time = p.committedOffset === null ? undefined : times.get(lagTimeKey(p.topic, p.partition, p.committedOffset))
    return {
      ...p,
      memberId: member?.memberId ?? null,
      clientId: member?.clientId ?? null,
      lagMs: time?.lagMs ?? null,
      lagMsSource: time?.source ?? 'none',
    }
  })
  const now = Date.now()
  const current = sampleOf(now, { groupId, state: group.state, members: group.members.length }, partitions)
  const verdict = (await judgeGroups(clusterId, [current], recentSamplesOf(clusterId))).get(groupId) ?? null
  return {
    group,
    partitions,
    totalLag: snapshot?.totalLag ?? '0',
    maxLagMs: maxLagMsOf(partitions),
    fetchedAt: new Date(now).toISOString(),
    verdict,
    ...(share ? { offsetKind: 'share-start' as const } : {}),
  }
}
