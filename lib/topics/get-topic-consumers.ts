import 'server-only'
import { describeGroups } from '@/lib/groups/describe-group'
import { getShareGroupLags } from '@/lib/groups/fetch-share-offsets'
import { hasCommittedOffsets } from '@/lib/groups/has-committed-offsets'
import { listGroupsByType } from '@/lib/groups/list-groups'
import { fetchWatermarks } from '@/lib/kafka/fetch-watermarks'
import { maxLagMsOf } from '@/lib/lag/collect-group-lags'
import { computePartitionLags, totalLagOf } from '@/lib/lag/compute-lag'
import { fetchCommittedOffsets } from '@/lib/lag/fetch-committed-offsets'
import { fetchLagTimes, lagTimeKey } from '@/lib/lag/fetch-lag-times'
import type { PartitionLag, PartitionLagWithTime } from '@/lib/lag/types'
import type { TopicConsumer, TopicConsumers } from './topic-detail-types'
import { topicMetadataOf } from './topic-metadata'

// The topic page waits on this; partitions left unread show no age and the page says so.
const LAG_TIME_BUDGET_MS = 2_000

/**
 * The groups with offsets on this topic (committed offsets; share groups' share-partition start offsets) and their
 * lag on it, in messages and in time. Batched like the groups page: ListGroups per broker, one OffsetFetch for many
 * groups per coordinator, ListOffsets for this topic only, describes only for the groups found here.
 * Unknown topic → ApiError('not_found').
 */
export async function getTopicConsumers(clusterId: string, topic: string): Promise<TopicConsumers> {
  const [meta, listing] = await Promise.all([topicMetadataOf(clusterId, topic), listGroupsByType(clusterId)])
  const committedIds = listing.groups.filter(hasCommittedOffsets).map((g) => g.groupId)
  const shareIds = listing.groups.filter((g) => g.type === 'share').map((g) => g.groupId)
  const partitionIds = meta.partitions.map((p) => p.partitionIndex)
  const [committed, shareLags, watermarks] = await Promise.all([
    fetchCommittedOffsets(clusterId, committedIds),
    getShareGroupLags(clusterId, shareIds),
    fetchWatermarks(clusterId, [{ topic, partitions: partitionIds }]),
  ])
  const lags = new Map<string, { partitions: PartitionLag[]; kind: TopicConsumer['offsetKind'] }>()
  for (const [groupId, offsets] of committed) {
    const onTopic = offsets.filter((o) => o.topic === topic)
    if (onTopic.length === 0) continue
    // Only the partitions with a commit: a group that committed on one partition does not consume the others.
    const partitions = computePartitionLags(onTopic, watermarks).filter((p) => p.committedOffset !== null)
    lags.set(groupId, { partitions, kind: 'committed' })
  }
  for (const [groupId, lag] of shareLags) {
    const partitions = lag.partitions.filter((p) => p.topic === topic && p.committedOffset !== null)
    if (partitions.length > 0) lags.set(groupId, { partitions, kind: 'share-start' })
  }
  const all = [...lags.values()].flatMap((l) => l.partitions)
  const [descriptions, times] = await Promise.all([
    describeGroups(clusterId, [...lags.keys()]),
    fetchLagTimes(clusterId, all, { budgetMs: LAG_TIME_BUDGET_MS }),
  ])
  const listed = new Map(listing.groups.map((g) => [g.groupId, g]))
  const consumers: TopicConsumer[] = [...lags].map(([groupId, { partitions, kind }]) => {
    const d = descriptions.get(groupId)
    const timed: PartitionLagWithTime[] = partitions.map((p) => {
      const t = p.committedOffset === null ? undefined : times.get(lagTimeKey(p.topic, p.partition, p.committedOffset))
      return { ...p, lagMs: t?.lagMs ?? null, lagMsSource: t?.source ?? 'none' }
    })
    return {
      groupId,
      type: d?.type ?? listed.get(groupId)?.type ?? 'unknown',
      protocolType: d?.protocolType ?? listed.get(groupId)?.protocolType ?? '',
      state: d?.state ?? listed.get(groupId)?.state ?? 'Unknown',
      members: d?.members.length ?? 0,
      offsetKind: kind,
      partitions: partitions.length,
      lag: totalLagOf(partitions),
      maxLagMs: maxLagMsOf(timed),
    }
  })
  consumers.sort((a, b) => a.groupId.localeCompare(b.groupId))
  const notes = [...listing.notes]
  if (times.cut) notes.push(`Lag in time was not read for ${times.cut.skipped} partition(s) (time budget spent).`)
  return { topic, consumers, notes, fetchedAt: new Date().toISOString() }
}
