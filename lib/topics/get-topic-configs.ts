import 'server-only'
import { ConfigResourceTypes } from '@platformatic/kafka'
import { getClusterConfig } from '@/lib/config'
import { ApiError } from '@/lib/errors'
import { platformaticAdminOf } from '@/lib/kafka/platformatic-admin'
import { errorChainOf, platformaticErrorOf, withinDeadline } from '@/lib/kafka/platformatic-connection'
import { toTopicConfigEntry } from './config-entries'
import type { TopicConfigs } from './topic-detail-types'

/**
 * Every config of the topic with its effective value, source, read-only and sensitive flags, synonyms and Kafka's
 * documentation of the key. Read with @platformatic/kafka's DescribeConfigs v4: kafkajs stops at v2, which has no
 * documentation (both report the source correctly). Sensitive values are dropped before leaving the server.
 */
export async function getTopicConfigs(clusterId: string, topic: string): Promise<TopicConfigs> {
  const cluster = getClusterConfig(clusterId)
  let described: Awaited<ReturnType<ReturnType<typeof platformaticAdminOf>['describeConfigs']>>
  try {
    described = await withinDeadline(
      cluster,
      platformaticAdminOf(clusterId).describeConfigs({
        resources: [{ resourceType: ConfigResourceTypes.TOPIC, resourceName: topic }],
        includeSynonyms: true,
        includeDocumentation: true,
      }),
      'describe the topic configs',
    )
  } catch (err) {
    if (errorChainOf(err).some((e) => e.apiId === 'UNKNOWN_TOPIC_OR_PARTITION')) {
      throw new ApiError('not_found', `Topic "${topic}" does not exist on cluster "${clusterId}"`)
    }
    throw platformaticErrorOf(err, cluster)
  }
  const resource = described.find((r) => r.resourceName === topic)
  if (!resource) throw new ApiError('not_found', `Topic "${topic}" does not exist on cluster "${clusterId}"`)
  const configs = resource.configs.map(toTopicConfigEntry).sort((a, b) => a.name.localeCompare(b.name))
  return { topic, configs, fetchedAt: new Date().toISOString() }
}
