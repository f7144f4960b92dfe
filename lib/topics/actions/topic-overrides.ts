import 'server-only'
import { withAdmin } from '@/lib/kafka/client'

// DescribeConfigs: ConfigResourceTypes.TOPIC and ConfigSource.DYNAMIC_TOPIC_CONFIG (a per-topic override).
const TOPIC_RESOURCE = 2
const DYNAMIC_TOPIC_CONFIG = 1

/** The topic's config overrides (set on the topic itself, not inherited from broker or default). */
export async function topicOverridesOf(clusterId: string, topic: string): Promise<Record<string, string>> {
  const res = await withAdmin(clusterId, (admin) =>
    admin.describeConfigs({ includeSynonyms: false, resources: [{ type: TOPIC_RESOURCE, name: topic }] }),
  )
  const out: Record<string, string> = {}
  for (const r of res.resources) {
    for (const e of r.configEntries) {
      if (e.configSource === DYNAMIC_TOPIC_CONFIG && e.configValue !== null) out[e.configName] = e.configValue
    }
  }
  return out
}
