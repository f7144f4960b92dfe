import 'server-only'
import { withAdmin } from '@/lib/kafka/client'

// ConfigResourceTypes.TOPIC in the Kafka protocol.
const TOPIC_RESOURCE = 2
/** Resources per DescribeConfigs request: one request for 5,000 topics is large but fine; this bounds it. */
const TOPICS_PER_REQUEST = 1_000

/** Selected config values per topic (effective values, defaults included). */
export async function fetchTopicConfigs(
  clusterId: string,
  topics: string[],
  configNames: string[],
): Promise<Map<string, Map<string, string>>> {
  const out = new Map<string, Map<string, string>>()
  for (let i = 0; i < topics.length; i += TOPICS_PER_REQUEST) {
    const batch = topics.slice(i, i + TOPICS_PER_REQUEST)
    const res = await withAdmin(clusterId, (admin) =>
      admin.describeConfigs({
        includeSynonyms: false,
        resources: batch.map((name) => ({ type: TOPIC_RESOURCE, name, configNames })),
      }),
    )
    for (const r of res.resources) {
      if (r.errorCode !== 0) continue // topic deleted between metadata and this call
      out.set(r.resourceName, new Map(r.configEntries.map((e) => [e.configName, e.configValue])))
    }
  }
  return out
}
