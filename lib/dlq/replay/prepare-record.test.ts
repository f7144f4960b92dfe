import { describe, expect, it } from 'vitest'
import { REPLAY_HEADERS } from '../resolutions/types'
import { expandRuns, runsOf } from './job-types'
import { type PrepareContext, prepareRecord } from './prepare-record'

const ctx = (over: Partial<PrepareContext> = {}): PrepareContext => ({
  jobId: 'j1',
  dlqTopic: 'orders.DLT',
  by: 'me',
  at: '2026-01-01T00:00:00.000Z',
  options: {},
  maxReplays: 3,
  explicit: true,
  partitionsOf: (t) => (t === 'orders' ? 6 : null),
  ...over,
})
const h = (k: string, v: string | Buffer): [Buffer, Buffer] => [Buffer.from(k), Buffer.isBuffer(v) ? v : Buffer.from(v)]
const int32 = (n: number) => {
  const b = Buffer.alloc(4)
  b.writeInt32BE(n)
  return b
}
const record = (headers: [Buffer, Buffer][]) => ({
  partition: 2,
  offset: '7',
  key: Buffer.from('k'),
  value: Buffer.from('{"a":1}'),
  headers,
})
const spring = [h('kafka_dlt-original-topic', 'orders'), h('kafka_dlt-original-partition', int32(4)), h('trace', 't')]

describe('prepareRecord', () => {
  it('targets the source topic and partition, strips error headers, adds provenance', () => {
    const r = prepareRecord(record(spring), ctx())
    expect(r).toMatchObject({ kind: 'send', topic: 'orders', partition: 4, replayCount: 1 })
    if (r.kind !== 'send') return
    expect(r.headers.map(([k]) => k)).toEqual(['trace', ...Object.values(REPLAY_HEADERS)])
  })

  it('refuses by the loop guard, the header count and the resolution count alike', () => {
    const again = [...spring, h(REPLAY_HEADERS.count, '3')]
    expect(prepareRecord(record(again), ctx())).toMatchObject({
      kind: 'refused',
      reason: expect.stringMatching(/loop/),
    })
    const resolution = { status: 'replayed' as const, at: '', by: '', replayCount: 3 }
    expect(prepareRecord(record(spring), ctx({ resolution }))).toMatchObject({ kind: 'refused' })
    expect(
      prepareRecord(record(spring), ctx({ resolution: { ...resolution, replayCount: 1 }, explicit: false })),
    ).toMatchObject({ kind: 'refused', reason: 'already replayed (skipped)' })
  })

  it('refuses without a source topic, and an edit that breaks JSON', () => {
    expect(prepareRecord(record([h('trace', 't')]), ctx())).toMatchObject({
      reason: expect.stringMatching(/source topic unknown/),
    })
    expect(prepareRecord(record(spring), ctx({ options: { editedValue: '{' } }))).toMatchObject({ kind: 'refused' })
    expect(prepareRecord(record(spring), ctx({ options: { targetTopic: 'nope' } }))).toMatchObject({
      reason: 'target topic "nope" does not exist',
    })
  })
})

describe('coordinate runs', () => {
  it('compress consecutive offsets and expand them interleaved by partition', () => {
    const coords = ['0:1', '0:2', '0:3', '1:5', '1:6', '0:9'].map((s) => {
      const [p, o] = s.split(':')
      return { partition: Number(p), offset: o! }
    })
    const runs = runsOf(coords)
    expect(runs).toEqual([
      {
        partition: 0,
        runs: [
          ['1', '3'],
          ['9', '9'],
        ],
      },
      { partition: 1, runs: [['5', '6']] },
    ])
    expect(expandRuns(runs).map((c) => `${c.partition}:${c.offset}`)).toEqual([
      '0:1',
      '1:5',
      '0:2',
      '1:6',
      '0:3',
      '0:9',
    ])
  })
})
