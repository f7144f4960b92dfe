import 'server-only'
import { getClusterConfig, getConfig } from '@/lib/config'
import { ApiError } from '@/lib/errors'
import { withAdmin } from '@/lib/kafka/client'
import { errorChainOf, platformaticErrorOf } from '@/lib/kafka/platformatic-connection'

export { assertWritable } from '@/lib/groups/actions/guards'

/**
 * Why Ferry refuses to delete or purge this topic, or null. Kafka's internal topics (`__consumer_offsets`,
 * `__transaction_state`…) hold every group's offsets and transactions; Ferry's state topics hold its audit trail and
 * lag history: losing either is not something a console button should do.
 */
export function protectedTopicReason(topic: string, doing: string): string | null {
  if (topic.startsWith('__'))
    return `Topic "${topic}" is internal to Kafka (or to a Kafka component): Ferry refuses ${doing} it.`
  const prefix = getConfig().config.stateTopicPrefix
  if (topic.startsWith(prefix))
    return `Topic "${topic}" holds Ferry's own state (prefix "${prefix}", e.g. the audit trail): Ferry refuses ${doing} it.`
  return null
}

export type TopicLayout = { partitions: number[]; replicationFactor: number }

/** The topic's partitions and replication factor; 404 when the cluster has no such topic. */
export async function topicLayoutOf(clusterId: string, topic: string): Promise<TopicLayout> {
  const layout = await withAdmin(clusterId, async (admin) => {
    if (!(await admin.listTopics()).includes(topic)) return null
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] })
    const partitions = topics[0]?.partitions ?? []
    return {
      partitions: partitions.map((p) => p.partitionId).sort((a, b) => a - b),
      replicationFactor: partitions[0]?.replicas.length ?? 0,
    }
  })
  if (!layout) throw new ApiError('not_found', `Topic "${topic}" does not exist on cluster "${clusterId}"`)
  return layout
}

/** Kafka's refusal of a topic action, with the broker's own reason; other failures as platformaticErrorOf maps them. */
export function topicActionErrorOf(err: unknown, clusterId: string, topic: string): ApiError {
  if (err instanceof ApiError) return err
  const chain = errorChainOf(err)
  const protocol = chain.find((e) => typeof e.apiId === 'string')
  const kafkajs = err as { type?: string; message?: string; errors?: { type?: string; message?: string }[] }
  const type = protocol?.apiId ?? kafkajs.errors?.[0]?.type ?? kafkajs.type
  const reason = protocol?.serverErrorMessage || kafkajs.errors?.[0]?.message || kafkajs.message || protocol?.message
  if (type === 'UNKNOWN_TOPIC_OR_PARTITION')
    return new ApiError('not_found', `Topic "${topic}" does not exist on cluster "${clusterId}"`)
  if (type === 'TOPIC_ALREADY_EXISTS')
    return new ApiError('conflict', `Topic "${topic}" already exists on cluster "${clusterId}"`, { apiId: type })
  if (type && REFUSALS.has(type))
    return new ApiError('invalid_input', `Kafka refused: ${reason ?? type} (${type})`, { apiId: type })
  if (protocol) return platformaticErrorOf(err, getClusterConfig(clusterId))
  return platformaticErrorOf(kafkajs.errors?.[0] ?? err, getClusterConfig(clusterId))
}

// Kafka's answers that mean "this request is wrong", as opposed to "the cluster is unwell".
const REFUSALS = new Set([
  'INVALID_CONFIG',
  'INVALID_REQUEST',
  'POLICY_VIOLATION',
  'INVALID_TOPIC_EXCEPTION',
  'INVALID_PARTITIONS',
  'INVALID_REPLICATION_FACTOR',
  'INVALID_REPLICA_ASSIGNMENT',
  'OFFSET_OUT_OF_RANGE',
  'TOPIC_DELETION_DISABLED',
  'UNSUPPORTED_VERSION',
])

/** The message an audit record keeps for a failure. */
export function failureText(err: unknown): string {
  return err instanceof ApiError ? `${err.code}: ${err.message}` : String(err)
}
