import type { GroupVerdict, LagVerdict, SamplerStatus } from '@/lib/lag/history-types'
import type { PartitionLagWithTime } from '@/lib/lag/types'
import type { MetricFamily, Sample } from './prometheus-text'

/** What one cluster contributes to /api/metrics. */
export type ClusterLagMetrics = {
  clusterId: string
  groups: {
    groupId: string
    state: string
    type: string
    members: number
    partitions: PartitionLagWithTime[]
    verdict: GroupVerdict | null
  }[]
  sampler: SamplerStatus | null
  /** Set when the cluster could not be read: exported as ferry_cluster_up 0, with the rest left out. */
  error: string | null
  scrapeDurationMs: number
}

/** Verdicts as numbers for alerting (higher is worse), documented in the HELP text. */
export const VERDICT_CODE: Record<LagVerdict, number> = {
  OK: 0,
  UNKNOWN: 1,
  WARNING: 2,
  STALLED: 3,
  STOPPED: 4,
  RETENTION_RISK: 5,
}

/**
 * Pure: the metric families. Per-partition and per-group names follow kafka-lag-exporter
 * (kafka_consumergroup_group_lag, _lag_seconds, _max_lag, _max_lag_seconds, _sum_lag, kafka_partition_latest_offset…)
 * with its labels (cluster_name, group, topic, partition, member_host, consumer_id, client_id), so its Grafana
 * dashboards work unchanged; Ferry's own verdicts and sampler health are under ferry_*.
 */
export function lagMetricFamilies(clusters: ClusterLagMetrics[]): MetricFamily[] {
  const gauge = (name: string, help: string): MetricFamily => ({ name, help, type: 'gauge', samples: [] })
  const f = {
    up: gauge('ferry_cluster_up', 'Whether Ferry could read the cluster at this scrape (1) or not (0).'),
    scrape: gauge('ferry_cluster_scrape_duration_seconds', 'Time Ferry took to read the lag of every group.'),
    lag: gauge('kafka_consumergroup_group_lag', 'Group offset lag of a partition (log-end offset − committed offset).'),
    lagSeconds: gauge(
      'kafka_consumergroup_group_lag_seconds',
      'Group lag of a partition in seconds: age of the oldest unconsumed record, read from the record itself.',
    ),
    offset: gauge('kafka_consumergroup_group_offset', 'Last group committed offset of a partition.'),
    maxLag: gauge('kafka_consumergroup_group_max_lag', 'Max group offset lag over its partitions.'),
    maxLagSeconds: gauge('kafka_consumergroup_group_max_lag_seconds', 'Max group lag in seconds over its partitions.'),
    sumLag: gauge('kafka_consumergroup_group_sum_lag', 'Sum of group offset lag over its partitions.'),
    latest: gauge('kafka_partition_latest_offset', 'Latest offset (high watermark) of a partition.'),
    earliest: gauge('kafka_partition_earliest_offset', 'Earliest offset (low watermark) of a partition.'),
    members: gauge('ferry_consumergroup_members', 'Members of the group.'),
    status: gauge(
      'ferry_consumergroup_status',
      'Health verdict of the group: 0 OK, 1 UNKNOWN, 2 WARNING, 3 STALLED, 4 STOPPED, 5 RETENTION_RISK.',
    ),
    partitionStatus: gauge(
      'ferry_consumergroup_partition_status',
      'Health verdict of a partition (codes as ferry_consumergroup_status).',
    ),
    samplerLeader: gauge(
      'ferry_lag_sampler_leader',
      'Whether this console instance is the one sampling lag (1) or not (0).',
    ),
    samplerUp: gauge(
      'ferry_lag_sampler_up',
      'Whether lag history is being kept (sampler leader or follower, topic usable).',
    ),
    samplerLast: gauge('ferry_lag_sampler_last_sample_timestamp_seconds', 'When this instance last took a lag sample.'),
    samplerDuration: gauge('ferry_lag_sampler_last_sample_duration_seconds', 'How long the last lag sample took.'),
  }
  const latestSeen = new Set<string>()
  for (const c of clusters) {
    const cluster = { cluster_name: c.clusterId }
    f.up.samples.push({ labels: cluster, value: c.error ? 0 : 1 })
    f.scrape.samples.push({ labels: cluster, value: c.scrapeDurationMs / 1000 })
    if (c.sampler) {
      f.samplerLeader.samples.push({ labels: cluster, value: c.sampler.role === 'leader' ? 1 : 0 })
      const up = (c.sampler.role === 'leader' || c.sampler.role === 'follower') && c.sampler.persistence.ok
      f.samplerUp.samples.push({ labels: cluster, value: up ? 1 : 0 })
      if (c.sampler.lastSampleAt !== null) {
        f.samplerLast.samples.push({ labels: cluster, value: c.sampler.lastSampleAt / 1000 })
      }
      if (c.sampler.lastSampleDurationMs !== null) {
        f.samplerDuration.samples.push({ labels: cluster, value: c.sampler.lastSampleDurationMs / 1000 })
      }
    }
    for (const g of c.groups) {
      const group = { ...cluster, group: g.groupId }
      f.members.samples.push({ labels: { ...group, state: g.state, type: g.type }, value: g.members })
      if (g.verdict) f.status.samples.push({ labels: group, value: VERDICT_CODE[g.verdict.verdict] })
      let max: bigint | null = null
      let maxSeconds: number | null = null
      let sum = 0n
      for (const p of g.partitions) {
        const partition = { ...group, topic: p.topic, partition: p.partition }
        const tp = { ...cluster, topic: p.topic, partition: p.partition }
        const key = `${c.clusterId}\u0000${p.topic}\u0000${p.partition}`
        if (!latestSeen.has(key)) {
          latestSeen.add(key)
          f.latest.samples.push({ labels: tp, value: p.endOffset })
          f.earliest.samples.push({ labels: tp, value: p.startOffset })
        }
        if (p.committedOffset === null || p.lag === null) continue
        const labels: Sample['labels'] = {
          ...partition,
          member_host: '',
          consumer_id: p.memberId ?? '',
          client_id: p.clientId ?? '',
        }
        f.offset.samples.push({ labels, value: p.committedOffset })
        f.lag.samples.push({ labels, value: p.lag })
        if (p.lagMs !== null) f.lagSeconds.samples.push({ labels, value: p.lagMs / 1000 })
        else if (p.lag === '0') f.lagSeconds.samples.push({ labels, value: 0 })
        const lag = BigInt(p.lag)
        sum += lag
        if (max === null || lag > max) max = lag
        const seconds = p.lagMs !== null ? p.lagMs / 1000 : p.lag === '0' ? 0 : null
        if (seconds !== null && (maxSeconds === null || seconds > maxSeconds)) maxSeconds = seconds
      }
      for (const v of g.verdict?.partitions ?? []) {
        f.partitionStatus.samples.push({
          labels: { ...group, topic: v.topic, partition: v.partition },
          value: VERDICT_CODE[v.verdict],
        })
      }
      if (max !== null) {
        f.maxLag.samples.push({ labels: group, value: max })
        f.sumLag.samples.push({ labels: group, value: sum })
      }
      if (maxSeconds !== null) f.maxLagSeconds.samples.push({ labels: group, value: maxSeconds })
    }
  }
  return Object.values(f)
}
