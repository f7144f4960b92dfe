/** Partition metadata as Kafka's Metadata response gives it (kafkajs field names). */
export type PartitionMeta = {
  partitionId: number
  leader: number
  replicas: number[]
  isr: number[]
  offlineReplicas?: number[]
}

export type PartitionHealth = { underReplicated: boolean; offline: boolean }

/**
 * A partition is offline when it has no live leader, and under-replicated when fewer replicas are in sync than
 * assigned (what `kafka-topics --describe --under-replicated-partitions` reports).
 */
export function evaluatePartitionHealth(p: PartitionMeta, liveBrokers: ReadonlySet<number>): PartitionHealth {
  const offline = p.leader < 0 || !liveBrokers.has(p.leader)
  return { offline, underReplicated: p.isr.length < p.replicas.length }
}

/** Internal topics: Kafka's own (`__consumer_offsets`, `__transaction_state`, `__share_group_state`…) and Ferry's. */
export function isInternalTopic(name: string, stateTopicPrefix: string): boolean {
  return name.startsWith('__') || name.startsWith(stateTopicPrefix)
}
