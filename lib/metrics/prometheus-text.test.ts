import { describe, expect, it } from 'vitest'
import { renderPrometheusText } from './prometheus-text'

describe('renderPrometheusText', () => {
  it('writes HELP, TYPE and samples with escaped labels and exact int64 values', () => {
    const text = renderPrometheusText([
      {
        name: 'kafka_consumergroup_group_lag',
        help: 'Group offset lag of a partition',
        type: 'gauge',
        samples: [
          { labels: { cluster_name: 'demo', group: 'we"ird\\g\nroup', partition: 3 }, value: 2n ** 62n },
          { labels: { cluster_name: 'demo', group: 'b', partition: 0 }, value: Number.NaN },
        ],
      },
      { name: 'empty_family', help: 'x', type: 'gauge', samples: [] },
      { name: 'ferry_up', help: 'line1\nline2', type: 'gauge', samples: [{ labels: {}, value: 1 }] },
    ])
    expect(text).toBe(
      [
        '# HELP kafka_consumergroup_group_lag Group offset lag of a partition',
        '# TYPE kafka_consumergroup_group_lag gauge',
        'kafka_consumergroup_group_lag{cluster_name="demo",group="we\\"ird\\\\g\\nroup",partition="3"} 4611686018427387904',
        'kafka_consumergroup_group_lag{cluster_name="demo",group="b",partition="0"} NaN',
        '# HELP ferry_up line1\\nline2',
        '# TYPE ferry_up gauge',
        'ferry_up 1',
        '',
      ].join('\n'),
    )
  })
})
