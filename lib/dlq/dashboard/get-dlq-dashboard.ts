import 'server-only'
import { getClusterConfig } from '@/lib/config'
import { stateTopicName } from '@/lib/state/state-topics'
import type { DlqDashboard, DlqErrorGroup } from '../api-types'
import { errorTextMaskingOf } from '../explorer/list-dead-letters'
import { MASKED_TEXT } from '../explorer/mask-error-text'
import { type DlqIndex, freshDlqIndex } from '../index/dlq-index'
import { aggregate } from './aggregate'

/** Figures are recomputed when the index or the resolutions changed, or at most every few seconds (the clock moves). */
const RECOMPUTE_EVERY_MS = 5_000
const cache = new WeakMap<DlqIndex, { key: string; at: number; value: Omit<DlqDashboard, 'generatedAt'> }>()

/** GET /api/clusters/[clusterId]/dlq: the dead-letter dashboard from the cluster's index (caught up first, bounded). */
export async function getDlqDashboard(clusterId: string, budgetMs = 1_500): Promise<DlqDashboard> {
  const { dlq } = getClusterConfig(clusterId)
  const index = await freshDlqIndex(clusterId, budgetMs)
  const now = Date.now()
  const indexing = index.progress()
  const key = `${index.version}/${index.resolutions.version}/${index.resolutions.health.ok}/${indexing.indexed}/${indexing.total}`
  const cached = cache.get(index)
  if (cached && cached.key === key && now - cached.at < RECOMPUTE_EVERY_MS) {
    return {
      ...cached.value,
      byError: maskedGroups(clusterId, cached.value.byError),
      generatedAt: new Date(now).toISOString(),
    }
  }
  const figures = aggregate({
    now,
    topics: [...index.topics.values()],
    topicNames: index.dict.topics,
    groups: index.dict.groups,
    fingerprints: index.dict.fingerprints,
    resolutionsOf: (topic, partition) => index.resolutions.byTopic.get(topic)?.get(partition),
    alerts: dlq.alerts,
  })
  const value: Omit<DlqDashboard, 'generatedAt'> = {
    clusterId,
    indexing,
    ...figures,
    state: {
      resolutions: index.resolutions.health,
      // Replay jobs are read by the replay engine; the dashboard only names their topic.
      jobs: { ok: true, topic: stateTopicName('replay-jobs') },
    },
  }
  cache.set(index, { key, at: now, value })
  return { ...value, byError: maskedGroups(clusterId, value.byError), generatedAt: new Date(now).toISOString() }
}

/**
 * The error groups' sample type and message as this user may see them (the cache is shared: masking is per request).
 * A group spans topics and styles: a part hidden on any of its topics is hidden.
 */
function maskedGroups(clusterId: string, groups: DlqErrorGroup[]): DlqErrorGroup[] {
  const masking = errorTextMaskingOf(clusterId)
  return groups.map((g) => {
    let type = g.type
    let message = g.message
    for (const topic of g.topics) {
      const text = masking(topic, { type: g.type, message: g.message })
      if (text.type === MASKED_TEXT) type = MASKED_TEXT
      if (text.message === MASKED_TEXT) message = MASKED_TEXT
    }
    return type === g.type && message === g.message ? g : { ...g, type, message }
  })
}
