import type { Admin } from 'kafkajs'
import { DEMO_TOPIC_SPECS } from './topics'

/**
 * Creates every demo topic that does not exist yet, with its partition count and config overrides. Safe to call on
 * every start: existing topics are left as they are.
 */
export async function ensureDemoTopics(admin: Admin): Promise<string[]> {
  const existing = new Set(await admin.listTopics())
  const missing = DEMO_TOPIC_SPECS.filter((spec) => !existing.has(spec.topic))
  if (missing.length === 0) return []
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((spec) => ({
        topic: spec.topic,
        numPartitions: spec.numPartitions,
        configEntries: Object.entries(spec.configs).map(([name, value]) => ({ name, value })),
      })),
    })
  } catch (err) {
    // Another process may have created some of them between listTopics and createTopics.
    if (!isAlreadyExists(err)) throw err
  }
  return missing.map((spec) => spec.topic)
}

function isAlreadyExists(err: unknown): boolean {
  const e = err as { type?: string; errors?: { type?: string }[] }
  if (e.type === 'TOPIC_ALREADY_EXISTS') return true
  return Array.isArray(e.errors) && e.errors.length > 0 && e.errors.every((x) => x.type === 'TOPIC_ALREADY_EXISTS')
}
