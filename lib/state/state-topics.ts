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

// Per cluster and topic: one creation attempt in flight, successes remembered; a refusal (authorization) is asked
// again after a minute, any other failure after a few seconds.
const g = globalThis as { __ferryStateTopics?: Map<string, { at: number; result: Promise<StateTopic> }> }
g.__ferryStateTopics ??= new Map()
const known = g.__ferryStateTopics
const RETRY_REFUSED_AFTER_MS = 60_000
const RETRY_FAILED_AFTER_MS = 5_000
/**
 * Attempts within one call when the cluster says "unknown topic or partition": its metadata can lag behind a topic
 * created a moment ago (by this console or another), and kafkajs then fails the whole request.
 */
const ATTEMPTS = 3

/**
 * Makes sure the state topic exists (creating it with the given policy when missing) and says whether it can be
 * used. A principal that may not describe or create it gets `{ ok: false, reason }`, never an exception: Ferry then
 * runs without that feature's persistence and says so.
 */
export function ensureStateTopic(clusterId: string, kind: StateTopicKind, spec: StateTopicSpec): Promise<StateTopic> {
  const topic = stateTopicName(kind)
  const key = `${clusterId}\u0000${topic}`
  const cached = known.get(key)
  if (cached && Date.now() < cached.at) return cached.result
  const result = createWithRetries(clusterId, topic, spec)
  // Until it settles, callers share this attempt.
  known.set(key, { at: Number.POSITIVE_INFINITY, result })
  void result.then((r) => {
    const retryAfter = r.ok ? Number.POSITIVE_INFINITY : r.refused ? RETRY_REFUSED_AFTER_MS : RETRY_FAILED_AFTER_MS
    known.set(key, { at: Date.now() + retryAfter, result })
  })
  return result
}

type Attempt =
  | { ok: true; topic: string }
  | { ok: false; topic: string; reason: string; refused: boolean; transient: boolean }

async function createWithRetries(clusterId: string, topic: string, spec: StateTopicSpec): Promise<Attempt> {
  for (let attempt = 1; ; attempt++) {
    const r = await createIfMissing(clusterId, topic, spec)
    if (r.ok || !r.transient || attempt >= ATTEMPTS) return r
    console.warn(`ferry: state topic ${topic}: ${r.reason}; trying again`)
    await new Promise((done) => setTimeout(done, 300 * attempt))
  }
}

async function createIfMissing(clusterId: string, topic: string, spec: StateTopicSpec): Promise<Attempt> {
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
        // Another console instance (or request) created it first; or it was created and kafkajs' metadata refresh
        // after the create failed (UNKNOWN_TOPIC_OR_PARTITION while the new topic spreads): it exists either way.
        const alreadyExists =
          (err as { type?: string }).type === 'TOPIC_ALREADY_EXISTS' ||
          /already exists/i.test(String(err)) ||
          (err as { errors?: { type?: string }[] }).errors?.[0]?.type === 'TOPIC_ALREADY_EXISTS'
        if (!alreadyExists && !(await admin.listTopics()).includes(topic)) throw err
      }
      return { ok: true as const, topic }
    })
  } catch (err) {
    const e = err as { type?: string; message?: string; errors?: { type?: string; message?: string }[] }
    const type = e.errors?.[0]?.type ?? e.type
    const refused = (!!type && /AUTHORIZATION/.test(type)) || (err as { code?: string }).code === 'forbidden'
    const why = refused
      ? `the principal may not create or read topic "${topic}" (${type})`
      : `topic "${topic}" could not be created: ${e.errors?.[0]?.message ?? e.message ?? String(err)}`
    return { ok: false, topic, reason: why, refused, transient: (err as { code?: string }).code === 'not_found' }
  }
}
