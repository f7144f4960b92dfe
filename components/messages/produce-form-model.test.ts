import { describe, expect, it } from 'vitest'
import {
  formProblems,
  initialProduceForm,
  MAX_RECORD_BYTES,
  messageHref,
  type ProduceForm,
  partitionChoice,
  prettyJson,
  recordBytesOf,
  requestOf,
} from './produce-form-model'

const form = (over: Partial<ProduceForm>): ProduceForm => ({ ...initialProduceForm(), ...over })

describe('produce form model', () => {
  it('builds the request: empty key is null, empty partition is auto, null value on request', () => {
    expect(requestOf(form({ value: 'v' }))).toEqual({ key: null, value: 'v', valueFormat: 'text', headers: [] })
    expect(
      requestOf(
        form({ key: 'k', value: 'x', nullValue: true, partition: ' 2 ', headers: [{ id: 1, key: 'h', value: '' }] }),
      ),
    ).toEqual({ key: 'k', value: null, valueFormat: 'text', headers: [{ key: 'h', value: '' }], partition: 2 })
  })

  it('lists what blocks sending', () => {
    expect(formProblems(form({ value: 'anything' }))).toEqual([])
    expect(formProblems(form({ valueFormat: 'json', value: '{"a":}' }))[0]).toMatch(/line 1, column 6/)
    expect(formProblems(form({ valueFormat: 'json', value: '{', nullValue: true }))).toEqual([])
    expect(formProblems(form({ headers: [{ id: 1, key: '', value: 'v' }] }))).toEqual(['Every header needs a name.'])
    expect(formProblems(form({ partition: '-1' }))[0]).toMatch(/whole number/)
    expect(formProblems(form({ partition: '3' }), 3)[0]).toMatch(/partitions 0–2/)
    expect(formProblems(form({ partition: '2' }), 3)).toEqual([])
    expect(formProblems(form({ value: 'é'.repeat(MAX_RECORD_BYTES / 2 + 1) }))[0]).toMatch(/at most/)
  })

  it('counts UTF-8 bytes of key, value and headers', () => {
    expect(recordBytesOf(form({ key: 'é', value: '✓', headers: [{ id: 1, key: 'a', value: 'b' }] }))).toBe(7)
  })

  it('pretty-prints JSON without changing numbers, duplicate keys or escapes', () => {
    expect(prettyJson('{"a":[1,2,{}],"b":{"c":12345678901234567890,"c":"x\\"y, z"},"d":[ ]}')).toBe(
      '{\n  "a": [\n    1,\n    2,\n    {}\n  ],\n  "b": {\n    "c": 12345678901234567890,\n    "c": "x\\"y, z"\n  },\n  "d": []\n}',
    )
    expect(prettyJson(' "s p" ')).toBe('"s p"')
    expect(prettyJson('{"a":')).toBeNull()
  })

  it('describes the partition choice and links to the written record', () => {
    expect(partitionChoice({ key: null, value: 'v', valueFormat: 'text', headers: [] })).toMatch(/no key/)
    expect(partitionChoice({ key: 'k', value: 'v', valueFormat: 'text', headers: [] })).toMatch(/murmur2/)
    expect(partitionChoice({ key: 'k', value: 'v', valueFormat: 'text', headers: [], partition: 4 })).toBe(
      'partition 4',
    )
    expect(messageHref('prod', 'a.b', { partition: 2, offset: '17' })).toBe(
      '/clusters/prod/topics/a.b?tab=messages&partition=2&offset=17',
    )
  })
})
