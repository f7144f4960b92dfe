import 'server-only'
import { getClusterConfig, getConfig } from '@/lib/config'
import type { GroupLagSample, LagHistory, LagHistoryRange } from '../history-types'
import { getSamplerStatus } from '../sampler'
import { buildHistory, sparklineOf } from './build-history'
import { ensureHistoryFeed, type HistoryFeed } from './history-feed'
import { toSample } from './snapshot'

// A first request after start waits this long for the read-back of the samples topic, so it shows the past rather
// than an empty chart; later requests answer from memory at once.
const READ_BACK_WAIT_MS = 3_000

/** The feed of a cluster whose lag sampling is enabled; null when it is disabled in the config. */
function feedOf(clusterId: string): HistoryFeed | null {
  getClusterConfig(clusterId) // unknown cluster: 404
  return getConfig().config.lagSampling.enabled ? ensureHistoryFeed(clusterId) : null
}

/**
 * Lag of one group over `range`, from this instance's in-memory history: group totals with consumption and
 * production rates, and the same timestamps per topic and per partition. A group never sampled has no points.
 */
export async function getLagHistory(clusterId: string, groupId: string, range: LagHistoryRange): Promise<LagHistory> {
  const feed = feedOf(clusterId)
  await feed?.waitCaughtUp(READ_BACK_WAIT_MS)
  const series = feed
    ? buildHistory(feed.store.snapshots(groupId), range, Date.now())
    : { points: [], topics: [], partitions: [] }
  return { groupId, range, ...series, sampler: getSamplerStatus(clusterId) }
}

/** The group's last `count` samples, oldest first (the verdict's window); empty for a group never sampled. */
export function getRecentSamples(clusterId: string, groupId: string, count: number): GroupLagSample[] {
  const feed = feedOf(clusterId)
  return feed ? feed.store.lastSnapshots(groupId, count).map((s) => toSample(groupId, s)) : []
}

/**
 * Total lag of every sampled group since `sinceMs` (epoch ms, e.g. Date.now() − 1 h), at most 60 points each, for
 * the groups list. Groups without samples in that time are absent.
 */
export function getSparklines(clusterId: string, sinceMs: number): Map<string, { t: number; totalLag: string }[]> {
  const feed = feedOf(clusterId)
  const result = new Map<string, { t: number; totalLag: string }[]>()
  if (!feed) return result
  const now = Date.now()
  for (const groupId of feed.store.groupIds()) {
    const points = sparklineOf(feed.store.snapshotsSince(groupId, sinceMs), sinceMs, now)
    if (points.length > 0) result.set(groupId, points)
  }
  return result
}
