import 'server-only'
import { ApiError } from '@/lib/errors'
import { withAdmin } from '@/lib/kafka/client'
import { fetchWatermarks } from '@/lib/kafka/fetch-watermarks'
import { fetchCommittedOffsets } from '@/lib/lag/fetch-committed-offsets'
import type { ScanRequest } from '../types'

export type Broker = { host: string; port: number }

/** One partition's range: forward reads [from, until) upwards, backward reads [until, from) downwards. */
export type PartitionPlan = {
  partition: number
  leader: number
  low: bigint
  high: bigint
  from: bigint
  until: bigint
}

export type ScanPlan = { partitions: PartitionPlan[]; brokers: Map<number, Broker> }

/**
 * Where each partition's scan starts and ends, from the watermarks at the start of the scan (records produced while
 * scanning are not waited for). Forward: start → high watermark. Backward: start → low watermark, where the start
 * of 'newest' is the high watermark, of 'offset' O the record O itself, and of a time or a group's commit the
 * record just before it.
 */
export async function planScan(clusterId: string, topic: string, request: ScanRequest): Promise<ScanPlan> {
  const [{ topics }, { brokers }] = await withAdmin(clusterId, (admin) =>
    Promise.all([admin.fetchTopicMetadata({ topics: [topic] }), admin.describeCluster()]),
  )
  const all = topics[0]?.partitions ?? []
  if (all.length === 0) throw new ApiError('not_found', `Topic "${topic}" not found`)
  const wanted = request.partitions?.length ? new Set(request.partitions) : null
  const chosen = all.filter((p) => !wanted || wanted.has(p.partitionId)).sort((a, b) => a.partitionId - b.partitionId)
  const missing = [...(wanted ?? [])].filter((p) => !all.some((x) => x.partitionId === p))
  if (missing.length > 0) {
    throw new ApiError(
      'invalid_input',
      `Topic "${topic}" has no partition ${missing.join(', ')} (it has ${all.length})`,
    )
  }
  const marks = (await fetchWatermarks(clusterId, [{ topic, partitions: chosen.map((p) => p.partitionId) }])).get(topic)
  const markOf = new Map((marks ?? []).map((m) => [m.partition, { low: BigInt(m.low), high: BigInt(m.high) }]))
  const starts = await startOffsets(clusterId, topic, request, markOf)
  const backward = request.direction === 'backward'
  return {
    brokers: new Map(brokers.map((b) => [b.nodeId, { host: b.host, port: b.port }])),
    partitions: chosen.map((p) => {
      const { low, high } = markOf.get(p.partitionId) ?? { low: 0n, high: 0n }
      const start = clamp(starts.get(p.partitionId) ?? (backward ? high : low), low, high)
      // Backward from an offset includes that record; from a time or commit, the records before it.
      const from = backward && request.start.from === 'offset' ? clamp(start + 1n, low, high) : start
      return { partition: p.partitionId, leader: p.leader, low, high, from, until: backward ? low : high }
    }),
  }
}

async function startOffsets(
  clusterId: string,
  topic: string,
  request: ScanRequest,
  marks: Map<number, { low: bigint; high: bigint }>,
): Promise<Map<number, bigint>> {
  const start = request.start
  const each = (f: (m: { low: bigint; high: bigint }) => bigint) =>
    new Map([...marks].map(([p, m]) => [p, f(m)] as const))
  switch (start.from) {
    case 'oldest':
      return each((m) => m.low)
    case 'newest':
      // Forward from the newest: nothing is there yet (the scan reads what exists, it does not follow).
      return each((m) => m.high)
    case 'offset':
      return each(() => BigInt(start.offset))
    case 'timestamp': {
      const found = await withAdmin(clusterId, (admin) => admin.fetchTopicOffsetsByTimestamp(topic, start.timestamp))
      const byPartition = new Map(found.map((f) => [f.partition, BigInt(f.offset)]))
      // No record at or after the time: the end of the partition.
      return new Map(
        [...marks].map(([p, m]) => {
          const at = byPartition.get(p) ?? -1n
          return [p, at < 0n ? m.high : at]
        }),
      )
    }
    case 'group': {
      const committed = (await fetchCommittedOffsets(clusterId, [start.groupId])).get(start.groupId) ?? []
      const byPartition = new Map(
        committed.filter((c) => c.topic === topic).map((c) => [c.partition, BigInt(c.offset)]),
      )
      // A partition the group never committed starts at the end, as a consumer with Kafka's default
      // auto.offset.reset=latest would.
      return new Map([...marks].map(([p, m]) => [p, byPartition.get(p) ?? m.high]))
    }
  }
}

function clamp(v: bigint, low: bigint, high: bigint): bigint {
  return v < low ? low : v > high ? high : v
}
