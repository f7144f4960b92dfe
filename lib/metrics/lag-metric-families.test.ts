import { describe, expect, it } from 'vitest'
import type { PartitionLagWithTime } from '@/lib/lag/types'
import { lagMetricFamilies } from './lag-metric-families'
import { renderPrometheusText } from './prometheus-text'

const partition = (p: Partial<PartitionLagWithTime>): PartitionLagWithTime => ({
  topic: 'orders',
  partition: 0,
  committedOffset: '10',
  endOffset: '25',
  startOffset: '0',
  lag: '15',
  memberId: 'm-1',
  clientId: 'svc',
  lagMs: 4_500,
  lagMsSource: 'record',
  ...p,
})

describe('lagMetricFamilies', () => {
  const text = renderPrometheusText(
    lagMetricFamilies([
      {
        clusterId: 'demo',
        groups: [
          {
            groupId: 'billing',
            state: 'Stable',
            type: 'classic',
            members: 1,
            partitions: [
              partition({}),
              partition({ partition: 1, committedOffset: '7', endOffset: '7', lag: '0', lagMs: null }),
              partition({ partition: 2, committedOffset: null, lag: null, lagMs: null }),
            ],
            verdict: {
              verdict: 'WARNING',
              reason: 'x',
              windowSamples: 3,
              windowMs: 60_000,
              partitions: [{ topic: 'orders', partition: 0, verdict: 'WARNING', reason: 'x', committedSince: null }],
            },
          },
          { groupId: 'audit', state: 'Empty', type: 'classic', members: 0, partitions: [partition({})], verdict: null },
        ],
        sampler: {
          enabled: true,
          role: 'leader',
          intervalMs: 30_000,
          lastSampleAt: 1_800_000_000_000,
          lastSampleDurationMs: 120,
          lastError: null,
          persistence: { ok: true, topic: '_ferry.lag-samples' },
        },
        error: null,
        scrapeDurationMs: 250,
      },
      { clusterId: 'down', groups: [], sampler: null, error: 'unreachable', scrapeDurationMs: 3_000 },
    ]),
  )
  const line = (prefix: string) => text.split('\n').find((l) => l.startsWith(prefix))

  it('exports per-partition lag in messages and seconds under kafka-lag-exporter names and labels', () => {
    expect(line('kafka_consumergroup_group_lag{')).toBe(
      'kafka_consumergroup_group_lag{cluster_name="demo",group="billing",topic="orders",partition="0",member_host="",consumer_id="m-1",client_id="svc"} 15',
    )
    expect(line('kafka_consumergroup_group_lag_seconds{')).toMatch(/partition="0".* 4\.5$/)
    expect(text).toContain(
      'kafka_consumergroup_group_lag_seconds{cluster_name="demo",group="billing",topic="orders",partition="1",',
    )
    // An uncommitted partition has no lag series.
    expect(text).not.toMatch(/group_lag\{[^}]*group="billing"[^}]*partition="2"/)
    expect(line('kafka_consumergroup_group_sum_lag{cluster_name="demo",group="billing"}')).toMatch(/ 15$/)
    expect(line('kafka_consumergroup_group_max_lag_seconds{cluster_name="demo",group="billing"}')).toMatch(/ 4\.5$/)
  })

  it('writes each partition watermark once even when several groups read it', () => {
    expect(
      text.split('\n').filter((l) => l.startsWith('kafka_partition_latest_offset{') && l.includes('partition="0"')),
    ).toHaveLength(1)
  })

  it('exports verdicts as codes, sampler health and cluster reachability', () => {
    expect(line('ferry_consumergroup_status{cluster_name="demo",group="billing"}')).toMatch(/ 2$/)
    expect(text).not.toContain('ferry_consumergroup_status{cluster_name="demo",group="audit"}')
    expect(line('ferry_lag_sampler_leader{cluster_name="demo"}')).toMatch(/ 1$/)
    expect(line('ferry_lag_sampler_last_sample_timestamp_seconds{cluster_name="demo"}')).toMatch(/ 1800000000$/)
    expect(line('ferry_cluster_up{cluster_name="down"}')).toMatch(/ 0$/)
    expect(line('ferry_cluster_up{cluster_name="demo"}')).toMatch(/ 1$/)
  })
})
