import 'server-only'
import { getClusterConfig } from '@/lib/config'
import { ApiError } from '@/lib/errors'
import { activeMembersReason, noOffsetsReason, readOnlyReason } from '@/lib/groups/actions/guards'
import { describeGroup } from '@/lib/groups/describe-group'
import type { GroupDescription } from '@/lib/groups/types'
import { withAdmin } from '@/lib/kafka/client'
import { fetchWatermarks } from '@/lib/kafka/fetch-watermarks'
import { type CommittedOffset, fetchCommittedOffsets } from '@/lib/lag/fetch-committed-offsets'
import { lagAt, modeText, parseMode, targetOf } from './compute-target'
import { offsetsForTimestamp } from './offsets-for-timestamp'
import { resolveScope, type ScopedPartition } from './resolve-scope'
import type { ResetGroupState, ResetOffsetsPreview, ResetOffsetsRequest, ResetRow, ResetSkipped } from './types'

/**
 * The dry run of a reset: per partition in scope, the committed offset now, the target (clamped into the log as
 * Kafka's ConsumerGroupCommand clamps it) and the lag before and after. Works whatever the group's state; when
 * executing would be refused (active members, read-only cluster) `blockedReason` says why. Groups without consumer
 * offsets (share groups, Connect) are refused outright (409). An unknown group can be planned for named topics (its
 * offsets are created, as the tool does) but not with `allCommittedTopics` (404).
 */
export async function planOffsetReset(
  clusterId: string,
  groupId: string,
  request: ResetOffsetsRequest,
): Promise<ResetOffsetsPreview> {
  getClusterConfig(clusterId) // an unknown cluster is a 404 of its own, before any group lookup
  const mode = parseMode(request.mode)
  const [group, committed, partitionsOf] = await Promise.all([
    describeOrNull(clusterId, groupId),
    fetchCommittedOffsets(clusterId, [groupId]).then((m) => m.get(groupId) ?? []),
    topicPartitionsOf(clusterId),
  ])
  if (group) {
    const unsupported = noOffsetsReason(group)
    if (unsupported) throw new ApiError('conflict', `Cannot reset offsets: ${unsupported}`)
  } else if ('allCommittedTopics' in request.scope) {
    throw new ApiError('not_found', `Group "${groupId}" does not exist on cluster "${clusterId}"`)
  }
  const scope = resolveScope(request.scope, committed, partitionsOf)
  const [watermarks, atTimestamp] = await Promise.all([
    fetchWatermarks(clusterId, byTopic(scope.partitions)),
    mode.kind === 'timestamp'
      ? offsetsForTimestamp(clusterId, scope.partitions, mode.timestamp)
      : Promise.resolve(new Map<string, bigint>()),
  ])
  const currentOf = new Map(committed.map((c: CommittedOffset) => [key(c.topic, c.partition), BigInt(c.offset)]))
  const marksOf = new Map(
    [...watermarks].flatMap(([topic, list]) => list.map((w) => [key(topic, w.partition), w] as const)),
  )
  const rows: ResetRow[] = []
  const skipped: ResetSkipped[] = [...scope.skipped]
  let lagBefore = 0n
  let lagAfter = 0n
  for (const { topic, partition } of scope.partitions) {
    const marks = marksOf.get(key(topic, partition))
    if (!marks) {
      skipped.push({ topic, partition, reason: 'the partition has no leader or was deleted meanwhile' })
      continue
    }
    const low = BigInt(marks.low)
    const high = BigInt(marks.high)
    const current = currentOf.get(key(topic, partition)) ?? null
    const target = targetOf(mode, { current, low, high, offsetForTimestamp: atTimestamp.get(key(topic, partition)) })
    if ('skip' in target) {
      skipped.push({ topic, partition, reason: target.skip })
      continue
    }
    const before = current === null ? null : lagAt(current, high)
    const after = lagAt(target.target, high)
    lagBefore += before ?? 0n
    lagAfter += after
    rows.push({
      topic,
      partition,
      currentOffset: current === null ? null : current.toString(),
      targetOffset: target.target.toString(),
      currentLag: before === null ? null : before.toString(),
      lagAfter: after.toString(),
      low: marks.low,
      high: marks.high,
      clamped: target.clamped,
    })
  }
  return {
    clusterId,
    groupId,
    group: stateOf(group),
    modeText: modeText(mode),
    rows,
    skipped,
    totals: { lagBefore: lagBefore.toString(), lagAfter: lagAfter.toString() },
    blockedReason: readOnlyReason(clusterId) ?? (group && activeMembersReason(group, 'resetting its offsets')),
    plannedAt: new Date().toISOString(),
  }
}

async function describeOrNull(clusterId: string, groupId: string): Promise<GroupDescription | null> {
  try {
    return await describeGroup(clusterId, groupId)
  } catch (err) {
    if (err instanceof ApiError && err.code === 'not_found') return null
    throw err
  }
}

function stateOf(group: GroupDescription | null): ResetGroupState {
  if (!group) return { exists: false, type: null, state: 'Dead', members: 0 }
  return { exists: true, type: group.type, state: group.state, members: group.members.length }
}

/** Partition ids of every topic. All topics: naming a deleted one makes kafkajs' Metadata throw. */
async function topicPartitionsOf(clusterId: string): Promise<Map<string, number[]>> {
  const { topics } = await withAdmin(clusterId, (admin) => admin.fetchTopicMetadata())
  return new Map(topics.map((t) => [t.name, t.partitions.map((p) => p.partitionId).sort((a, b) => a - b)]))
}

function byTopic(partitions: ScopedPartition[]): { topic: string; partitions: number[] }[] {
  const map = new Map<string, number[]>()
  for (const p of partitions) map.set(p.topic, [...(map.get(p.topic) ?? []), p.partition])
  return [...map].map(([topic, list]) => ({ topic, partitions: list }))
}

function key(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`
}
