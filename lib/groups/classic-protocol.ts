import { AssignerProtocol } from 'kafkajs'
import type { GroupTopicPartitions } from './types'

// Classic groups carry the consumer protocol (Kafka's ConsumerProtocol) as opaque bytes: the member's subscription in
// its metadata, its partitions in its assignment. kafkajs decodes the fields every version shares (version, topics,
// user data) and ignores what newer versions append (owned partitions, generation, rack). Other protocol types
// (Kafka Connect's "connect", Schema Registry's "sr"…) have their own formats and are not decoded.

/** Topics a classic consumer member subscribed to; [] when the bytes are not consumer-protocol metadata. */
export function subscribedTopicsOf(metadata: Buffer | null | undefined): string[] {
  if (!metadata || metadata.length === 0) return []
  try {
    return AssignerProtocol.MemberMetadata.decode(metadata)?.topics ?? []
  } catch {
    return []
  }
}

/** Partitions assigned to a classic consumer member, topics sorted; [] when there are none or the bytes are not ours. */
export function assignedPartitionsOf(assignment: Buffer | null | undefined): GroupTopicPartitions[] {
  if (!assignment || assignment.length === 0) return []
  try {
    const decoded = AssignerProtocol.MemberAssignment.decode(assignment)
    return topicPartitionsOf(Object.entries(decoded?.assignment ?? {}))
  } catch {
    return []
  }
}

/** Sorted, de-duplicated topic partitions. */
export function topicPartitionsOf(entries: [topic: string, partitions: number[]][]): GroupTopicPartitions[] {
  const byTopic = new Map<string, Set<number>>()
  for (const [topic, partitions] of entries) {
    const set = byTopic.get(topic) ?? new Set<number>()
    for (const p of partitions) set.add(p)
    byTopic.set(topic, set)
  }
  return [...byTopic.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([topic, set]) => ({ topic, partitions: [...set].sort((a, b) => a - b) }))
}
