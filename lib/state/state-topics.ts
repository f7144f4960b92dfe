import 'server-only'
import { getConfig } from '@/lib/config'
import { withAdmin } from '@/lib/kafka/client'

/** Ferry's own durable state, one topic each, named `<stateTopicPrefix><kind>`. */
export type StateTopicKind = 'audit' | 'lag-samples' | 'lag-sampler' | 'replay-jobs' | 'dlq-resolutions'

export type StateTopicSpec = {
  /** compact: latest value per key is kept forever; delete: records are kept for retentionMs. */
  cleanupPolicy: 'compact' | 'delete'
  retentionMs?: number
  partitions?: number
}

/** Either the topic is there to use, or why it is not (shown to the operator; the console keeps working). */
export type StateTopic = { ok: true; topic: string } | { ok: false; topic: string; reason: string }

export function stateTopicName(kind: StateTopicKind): string {
  return `${getConfig().config.stateTopicPrefix}${kind}`
}

// Per cluster and topic: one creation attempt in flight, successes remembered; failures retried after a minute.
const g = globalThis as { __ferryStateTopics?: Map<string, { at: number; result: Promise<StateTopic> }> }
g.__ferryStateTopics ??= new Map()
const known = g.__ferryStateTopics
const RETRY_FAILED_AFTER_MS = 60_000

/**
 * Makes sure the state topic exists (creating it with the given policy when missing) and says whether it can be
 * used. A principal that may not describe or create it gets `{ ok: false, reason }`, never an exception: Ferry then
 * runs without that feature's persistence and says so.
 */
export function ensureStateTopic(clusterId: string, kind: StateTopicKind, spec: StateTopicSpec): Promise<StateTopic> {
  const topic = stateTopicName(kind)
  const key = `${clusterId}\u0000${topic}`
  const cached = known.get(key)
  if (cached && Date.now() - cached.at < RETRY_FAILED_AFTER_MS) return cached.result
  const result = createIfMissing(clusterId, topic, spec)
  known.set(key, { at: Date.now(), result })
  void result.then((r) => {
    // Successes are kept for good; a failure is retried after RETRY_FAILED_AFTER_MS.
    if (r.ok) known.set(key, { at: Number.POSITIVE_INFINITY, result })
  })
  return result
}

async function createIfMissing(clusterId: string, topic: string, spec: StateTopicSpec): Promise<StateTopic> {
  try {
    return await withAdmin(clusterId, async (admin) => {
      const existing = await admin.listTopics()
      if (existing.includes(topic)) return { ok: true as const, topic }
      const configEntries: { name: string; value: string }[] = [{ name: 'cleanup.policy', value: spec.cleanupPolicy }]
      if (spec.retentionMs !== undefined) configEntries.push({ name: 'retention.ms', value: String(spec.retentionMs) })
      try {
        await admin.createTopics({
          topics: [{ topic, numPartitions: spec.partitions ?? 1, configEntries }],
          waitForLeaders: false,
        })
      } catch (err) {
        // Another console instance created it first.
        if ((err as { type?: string }).type !== 'TOPIC_ALREADY_EXISTS' && !/already exists/i.test(String(err))) {
          const inner = (err as { errors?: { type?: string }[] }).errors?.[0]?.type
          if (inner !== 'TOPIC_ALREADY_EXISTS') throw err
        }
      }
      return { ok: true as const, topic }
    })
  } catch (err) {
    const e = err as { type?: string; message?: string; errors?: { type?: string; message?: string }[] }
    const type = e.errors?.[0]?.type ?? e.type
    const why =
      type && /AUTHORIZATION/.test(type)
        ? `the principal may not create or read topic "${topic}" (${type})`
        : `topic "${topic}" could not be created: ${e.errors?.[0]?.message ?? e.message ?? String(err)}`
    return { ok: false, topic, reason: why }
  }
}
