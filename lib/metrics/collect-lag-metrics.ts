import 'server-only'
import { getConfig } from '@/lib/config'
import { collectGroupLags } from '@/lib/lag/collect-group-lags'
import { judgeGroups } from '@/lib/lag/judge-groups'
import { recentSamplesOf, samplerStatusOf } from '@/lib/lag/lag-history-source'
import { sampleOf } from '@/lib/lag/sample-of'
import { type ClusterLagMetrics, lagMetricFamilies } from './lag-metric-families'
import { renderPrometheusText } from './prometheus-text'

// A scrape reads lag in time for at most this long per cluster; Prometheus' default scrape timeout is 10 s.
const LAG_TIME_BUDGET_MS = 2_000

/**
 * Every configured cluster's consumer lag as Prometheus text. Clusters are read in parallel; one that is down is
 * exported as ferry_cluster_up 0 and does not fail the scrape.
 */
export async function collectLagMetrics(): Promise<string> {
  const clusters = getConfig().config.clusters
  const results = await Promise.all(clusters.map((c) => clusterMetricsOf(c.id)))
  return renderPrometheusText(lagMetricFamilies(results))
}

async function clusterMetricsOf(clusterId: string): Promise<ClusterLagMetrics> {
  const started = Date.now()
  const sampler = samplerStatusOf(clusterId)
  try {
    const lags = await collectGroupLags(clusterId, { lagTimeBudgetMs: LAG_TIME_BUDGET_MS })
    const current = [...lags.partitions].map(([groupId, partitions]) => {
      const d = lags.descriptions.get(groupId)
      return sampleOf(
        lags.fetchedAt,
        { groupId, state: d?.state ?? 'Unknown', members: d?.members.length ?? 0 },
        partitions,
      )
    })
    const verdicts = await judgeGroups(clusterId, current, recentSamplesOf(clusterId))
    const groups = lags.listing.groups.map((g) => {
      const d = lags.descriptions.get(g.groupId)
      return {
        groupId: g.groupId,
        state: d?.state ?? g.state,
        type: g.type,
        members: d?.members.length ?? 0,
        partitions: lags.partitions.get(g.groupId) ?? [],
        verdict: verdicts.get(g.groupId) ?? null,
      }
    })
    return { clusterId, groups, sampler, error: null, scrapeDurationMs: Date.now() - started }
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err)
    return { clusterId, groups: [], sampler, error, scrapeDurationMs: Date.now() - started }
  }
}
