import 'server-only'
import { getClusterConfig, getConfig } from '@/lib/config'
import { registerClientPool } from '@/lib/kafka/client'
import { stateTopicName } from '@/lib/state/state-topics'
import { ensureHistoryFeed, historyFeedOf, stopHistoryFeeds } from '../history/history-feed'
import type { SamplerStatus } from '../history-types'
import { LagSampler, type LagSamplerOptions } from './lag-sampler'

export { LagSampler } from './lag-sampler'

// One sampler per cluster for the life of the process; on globalThis so `next dev` reloads do not start another.
const g = globalThis as { __ferryLagSamplers?: Map<string, LagSampler> }
g.__ferryLagSamplers ??= new Map()
const samplers = g.__ferryLagSamplers

/** Sampling runs unless the config turns it off (lagSampling.enabled) or this instance opts out (FERRY_LAG_SAMPLER=off). */
export function lagSamplingEnabled(): boolean {
  return getConfig().config.lagSampling.enabled && process.env.FERRY_LAG_SAMPLER !== 'off'
}

/** Starts the cluster's sampler and its history feed (once); resolves when the sampler has joined or said why not. */
export async function startLagSampler(
  clusterId: string,
  options: Omit<LagSamplerOptions, 'clusterId'> = {},
): Promise<LagSampler> {
  getClusterConfig(clusterId)
  ensureHistoryFeed(clusterId)
  let sampler = samplers.get(clusterId)
  if (!sampler) {
    sampler = new LagSampler({ ...options, clusterId })
    samplers.set(clusterId, sampler)
  }
  await sampler.start()
  return sampler
}

/** Starts a sampler for every configured cluster (server start), unless sampling is off. Never throws. */
export function startLagSamplers(): void {
  if (!lagSamplingEnabled()) {
    console.log('ferry: lag sampler off (lagSampling.enabled false or FERRY_LAG_SAMPLER=off)')
    return
  }
  for (const c of getConfig().config.clusters) {
    startLagSampler(c.id).catch((err: unknown) => console.error(`ferry: lag sampler of "${c.id}" failed`, err))
  }
}

/** Stops every sampler (leaving the election) and every history feed, dropping the in-memory history. */
export async function stopLagSamplers(): Promise<void> {
  const all = [...samplers.values()]
  samplers.clear()
  await Promise.allSettled([...all.map((s) => s.stop()), stopHistoryFeeds()])
}

// closeAllClients() (shutdown, end of a test file) also stops the samplers' consumers and the feeds' fetches.
registerClientPool(stopLagSamplers)

/**
 * What the cluster's sampler in this instance does. A follower reports when the leader last sampled (the newest
 * sample it read); without a running sampler the role is 'disabled'.
 */
export function getSamplerStatus(clusterId: string): SamplerStatus {
  getClusterConfig(clusterId)
  const { intervalMs } = getConfig().config.lagSampling
  const feed = historyFeedOf(clusterId)
  const status: SamplerStatus = samplers.get(clusterId)?.getStatus() ?? {
    enabled: lagSamplingEnabled(),
    role: 'disabled',
    intervalMs,
    lastSampleAt: null,
    lastSampleDurationMs: null,
    lastError: null,
    persistence: { ok: true, topic: stateTopicName('lag-samples') },
  }
  if (feed) {
    const seen = feed.store.newestT
    if (seen !== null && (status.lastSampleAt === null || seen > status.lastSampleAt)) status.lastSampleAt = seen
    if (!feed.state.persistence.ok && status.persistence.ok) status.persistence = { ...feed.state.persistence }
    status.lastError ??= feed.state.lastError
  }
  return status
}
