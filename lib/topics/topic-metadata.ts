import 'server-only'
import { metadataV10, metadataV11, metadataV12 } from '@platformatic/kafka'
import { getClusterConfig } from '@/lib/config'
import { ApiError } from '@/lib/errors'
import {
  clusterConnectionsOf,
  dropClusterConnections,
  errorChainOf,
  newestSupported,
  platformaticErrorOf,
  withinDeadline,
} from '@/lib/kafka/platformatic-connection'

// Metadata v10+ carries the topic id (kafkajs asks v6 at most, without it). Newest first.
const METADATA_APIS = [
  { key: 3, version: 12, api: metadataV12.api },
  { key: 3, version: 11, api: metadataV11.api },
  { key: 3, version: 10, api: metadataV10.api },
]

export type TopicMetadata = metadataV12.MetadataResponseTopic & { liveBrokers: Set<number> }

/** The topic's Metadata (v10+, for its id) and the live brokers, in one request to the bootstrap broker. */
export async function topicMetadataOf(clusterId: string, topic: string): Promise<TopicMetadata> {
  const cluster = getClusterConfig(clusterId)
  const entry = clusterConnectionsOf(cluster)
  const work = async () => {
    const { connection, apiVersions } = await entry.bootstrap
    const chosen = newestSupported(apiVersions, METADATA_APIS)
    if (!chosen) throw new ApiError('internal', `The brokers of cluster "${clusterId}" do not support Metadata v10+`)
    // No auto-creation: looking at a topic must never create it.
    return chosen.api.async(connection, [topic], false, false)
  }
  let response: metadataV12.MetadataResponse
  try {
    response = await withinDeadline(cluster, work(), 'describe the topic')
  } catch (err) {
    if (errorChainOf(err).some((e) => e.apiId === 'UNKNOWN_TOPIC_OR_PARTITION')) throw topicNotFound(clusterId, topic)
    void dropClusterConnections(clusterId, entry)
    throw platformaticErrorOf(err, cluster)
  }
  const found = response.topics.find((t) => t.name === topic)
  if (!found) throw topicNotFound(clusterId, topic)
  return { ...found, liveBrokers: new Set(response.brokers.map((b) => b.nodeId)) }
}

export function topicNotFound(clusterId: string, topic: string): ApiError {
  return new ApiError('not_found', `Topic "${topic}" does not exist on cluster "${clusterId}"`)
}
