import 'server-only'
import { getConfig } from '@/lib/config'
import { fetchTopicConfigs } from '@/lib/topics/fetch-topic-configs'
import { evaluateLagStatus } from './evaluate-lag-status'
import type { GroupLagSample, GroupVerdict } from './history-types'

/** Stored samples of a group, ascending by time (the sampler's history). */
export type RecentSamples = (groupId: string, count: number) => GroupLagSample[]

/**
 * The verdict of each group: its stored samples (the sampler's window) followed by the sample just taken, judged by
 * evaluateLagStatus against each topic's retention.ms. Works without history too: then only what one sample can
 * show (retention risk, stopped groups) is judged, the rest is UNKNOWN until a full window of samples exists: as in
 * Burrow, a consumer that commits every 30 s must not be called stalled from two samples 10 s apart.
 */
export async function judgeGroups(
  clusterId: string,
  current: GroupLagSample[],
  recent: RecentSamples,
): Promise<Map<string, GroupVerdict>> {
  const { windowSamples } = getConfig().config.lagSampling
  const topics = [...new Set(current.flatMap((s) => s.partitions.map((p) => p.topic)))]
  const configs = topics.length > 0 ? await fetchTopicConfigs(clusterId, topics, ['retention.ms']) : new Map()
  const retentionMsByTopic = new Map<string, number>()
  for (const [topic, values] of configs) {
    const ms = Number(values.get('retention.ms'))
    if (Number.isFinite(ms)) retentionMsByTopic.set(topic, ms)
  }
  const verdicts = new Map<string, GroupVerdict>()
  for (const sample of current) {
    const stored = recent(sample.groupId, windowSamples).filter((s) => s.t < sample.t)
    const window = [...stored, sample].slice(-windowSamples)
    verdicts.set(sample.groupId, evaluateLagStatus(window, { retentionMsByTopic, minSamples: windowSamples }))
  }
  return verdicts
}
