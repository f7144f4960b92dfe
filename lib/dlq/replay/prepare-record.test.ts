import { describe, expect, it } from 'vitest'
import { parseErrorMetadata } from '../parse-error-metadata'
import { REPLAY_HEADERS } from '../resolutions/types'
import { expandRuns, runsOf } from './job-types'
import { headerSourceOf, type PrepareContext, prepareRecord } from './prepare-record'

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

  it('reads header keys right when consecutive records differ at the same place', () => {
    for (const name of ['trace', 'tracf', 'span', 'trace']) {
      const r = prepareRecord(record([h(name, 'v'), ...spring]), ctx())
      expect(r.kind === 'send' && r.headers[0]).toEqual([name, Buffer.from('v')])
    }
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

describe('headerSourceOf', () => {
  const int64 = (n: number) => {
    const b = Buffer.alloc(8)
    b.writeBigInt64BE(BigInt(n))
    return b
  }
  const raw = (headers: [string, Buffer | null][]) => headers.map(([key, value]) => ({ key, value }))
  const cases: [string, Buffer | null][][] = [
    spring.map(([k, v]) => [k.toString(), v]),
    [
      ['kafka_dlt-original-topic', Buffer.from('first')],
      ['kafka_dlt-original-partition', Buffer.from('3')],
      ['kafka_dlt-original-topic', Buffer.from('second')],
      ['kafka_dlt-original-partition', int32(5)],
    ],
    [
      ['kafka_dlt-original-topic', Buffer.from('')],
      ['kafka_dlt-original-partition', int32(-1)],
    ],
    [
      ['kafka_dlt-original-topic', null],
      ['kafka_dlt-original-partition', int64(2)],
    ],
    [['kafka_dlt-original-partition', Buffer.from('x')]],
    [['kafka_dlt-original-topic', Buffer.from([0xef, 0xbb, 0xbf, 0x61])]],
    [['kafka_dlt-original-topic', Buffer.from([0x61, 0xff, 0x62])]],
    [['kafka_dlt-original-topic', Buffer.from('ordres-été')]],
    [
      ['__connect.errors.topic', Buffer.from('a')],
      ['__connect.errors.partition', Buffer.from('1')],
      ['__connect.errors.topic', Buffer.from('b')],
      ['__connect.errors.partition', int32(2)],
    ],
    [
      ['__connect.errors.topic', Buffer.from('c')],
      ['__connect.errors.partition', Buffer.from('4')],
      ['kafka_dlt-original-topic', Buffer.from('s')],
    ],
    [
      ['kafka_dlt-original-topic', Buffer.from('s')],
      ['__connect.errors.topic', Buffer.from('c')],
      ['__connect.errors.partition', Buffer.from('99999999999')],
    ],
  ]
  it('reads the source exactly as parseErrorMetadata does', () => {
    for (const headers of cases) {
      const h = raw(headers)
      const { style, source } = parseErrorMetadata(h, undefined)
      expect(style === 'spring' || style === 'connect').toBe(true)
      const fast = headerSourceOf(h, style as 'spring' | 'connect')
      expect(fast).toEqual({ topic: source.topic, partition: source.partition })
    }
  })
})
