import type { IHeaders, KafkaMessage } from 'kafkajs'
import { describe, expect, it } from 'vitest'
import { connectDeadLetter, springDeadLetter } from '../../../scripts/demo/dead-letters'
import type { EventProblem } from '../../../scripts/demo/validate-events'
import { parseErrorMetadata, type RawHeader } from '../parse-error-metadata'
import { STYLES } from './columns'
import { IndexDictionaries, replayCountOf } from './entry-of-record'

const original = (offset: string): KafkaMessage => ({
  key: Buffer.from('k'),
  value: Buffer.from('{"a":1}'),
  timestamp: '1767000000000',
  attributes: 0,
  offset,
  headers: {},
})
const rawOf = (headers: IHeaders | undefined): RawHeader[] =>
  Object.entries(headers ?? {}).map(([key, v]) => ({
    key,
    value: v === undefined ? null : Buffer.isBuffer(v) ? v : Buffer.from(String(v)),
  }))
const problems: EventProblem[] = [
  { code: 'unsupported-currency', message: 'Currency XAU is not supported', parsed: {} },
  { code: 'unsupported-currency', message: 'Currency BTC is not supported', parsed: {} },
  { code: 'missing-order-id', message: 'no order id', parsed: {} },
  { code: 'malformed-json', message: 'bad', parsed: null, position: 4 },
]

describe('IndexDictionaries.metadataOf', () => {
  it('gives the same metadata as parseErrorMetadata (fingerprint included), memoised or not', () => {
    const dict = new IndexDictionaries()
    problems.forEach((problem, i) => {
      for (const offset of ['7', '9007199254740993']) {
        const spring = rawOf(
          springDeadLetter({ topic: 'pay', partition: 1, message: original(offset) }, problem, 'g').message.headers,
        )
        const connect = rawOf(
          connectDeadLetter({ topic: 'inv', partition: 0, message: original(offset) }, problem).message.headers,
        )
        for (const headers of [spring, connect]) {
          const expected = parseErrorMetadata(headers, null)
          const got = dict.metadataOf(headers, () => null)
          expect({ ...got, problems: [] }, `problem ${i}, offset ${offset}`).toEqual({ ...expected, problems: [] })
        }
      }
    })
  })

  it('puts one dead letter into ids, grouping the same bug', () => {
    const dict = new IndexDictionaries()
    const entries = problems
      .slice(0, 2)
      .map((p, i) =>
        dict.entryOf(
          i,
          1_000,
          rawOf(
            springDeadLetter({ topic: 'pay', partition: 1, message: original(String(10 + i)) }, p, 'g').message.headers,
          ),
          () => null,
        ),
      )
    expect(entries[0]?.fingerprintId).toBe(entries[1]?.fingerprintId)
    expect(entries.map((e) => e.sourceOffset)).toEqual([10, 11])
    expect(dict.topics.valueOf(entries[0]?.sourceTopicId ?? -1)).toBe('pay')
    expect(STYLES[entries[0]?.style ?? -1]).toBe('spring')
    expect(dict.groups[entries[0]?.fingerprintId ?? -1]?.message).toContain('Currency XAU is not supported')
  })
})

describe('replayCountOf', () => {
  it('reads the last ferry-replay-count header', () => {
    const h = (v: string) => ({ key: 'ferry-replay-count', value: Buffer.from(v) })
    expect(replayCountOf([h('1'), h('2')])).toBe(2)
    expect(replayCountOf([h('x')])).toBe(0)
    expect(replayCountOf([])).toBe(0)
  })
})
