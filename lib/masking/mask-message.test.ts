import { decode as decodeMsgpack, encode as encodeMsgpack } from '@msgpack/msgpack'
import { describe, expect, it } from 'vitest'
import { MaskingRuleSchema } from '@/lib/config/masking-schema'
import { decodeHeaderValue, decodePayload } from '@/lib/messages/decode/decode-payload'
import type { Decoded, DecodedMessage, PayloadFormat } from '@/lib/messages/types'
import { type CompiledRule, compileRule, rulesFor } from './compile-rules'
import { maskMessage, maskPayload } from './mask-message'

const rule = (r: Record<string, unknown>): CompiledRule => compileRule(MaskingRuleSchema.parse(r))
const part = (p: Record<string, unknown>) => {
  const r = rule({ topics: ['t'], value: p })
  if (!r.value) throw new Error('no value rule')
  return r.value
}
const bytesOf = (d: Decoded) => Buffer.from(d.base64, 'base64')
const payload = { card: { number: '4111111111111111', cvc: 123 }, email: 'a@b.c', amount: 5 }
const json = (format: PayloadFormat = 'auto') => decodePayload(Buffer.from(JSON.stringify(payload)), format)

/** Nothing of the secret in any rendering: text, parsed JSON, bytes (as UTF-8, hex and base64 alike). */
function expectHidden(d: Decoded, secret: string) {
  const renderings = [d.text ?? '', JSON.stringify(d.json ?? null), bytesOf(d).toString('utf8'), d.base64]
  for (const r of renderings) expect(r).not.toContain(secret)
  expect(bytesOf(d).toString('hex')).not.toContain(Buffer.from(secret).toString('hex'))
}

describe('maskPayload: JSON paths', () => {
  it('masks a JSON field in json, text and bytes consistently', () => {
    const d = maskPayload(json(), part({ jsonPaths: ['$.card.number'] }))
    expectHidden(d, '4111111111111111')
    expect(d.format).toBe('json')
    expect(d.json).toEqual({ ...payload, card: { number: '****', cvc: 123 } })
    expect(JSON.parse(bytesOf(d).toString('utf8'))).toEqual(d.json)
    expect(d.text).toBe(bytesOf(d).toString('utf8'))
    expect(d.size).toBe(bytesOf(d).byteLength)
  })

  it('removes fields', () => {
    const d = maskPayload(json(), part({ jsonPaths: ['$.card', '$.email'], action: 'remove' }))
    expect(d.json).toEqual({ amount: 5 })
    expect(JSON.parse(d.text ?? '')).toEqual({ amount: 5 })
  })

  it('keeps the very same object when no path hits', () => {
    const d = json()
    expect(maskPayload(d, part({ jsonPaths: ['$.nope'] }))).toBe(d)
  })

  it.each(['text', 'hex', 'base64'] as const)('masks JSON read as %s (still JSON underneath)', (format) => {
    const d = maskPayload(json(format), part({ jsonPaths: ['$.card.number'] }))
    expect(d.format).toBe(format)
    expectHidden(d, '4111111111111111')
    expect(JSON.parse(bytesOf(d).toString('utf8')).card.number).toBe('****')
    if (format === 'hex') expect(d.text).toBe(bytesOf(d).toString('hex'))
    if (format === 'base64') expect(d.text).toBe(d.base64)
  })

  it('re-encodes MessagePack', () => {
    const d = maskPayload(decodePayload(encodeMsgpack(payload), 'msgpack'), part({ jsonPaths: ['$..number'] }))
    expect(d.format).toBe('msgpack')
    expect(decodeMsgpack(bytesOf(d))).toEqual({ ...payload, card: { number: '****', cvc: 123 } })
    expectHidden(d, '4111111111111111')
  })

  it('keeps the Confluent header in front of a JSON Schema payload', () => {
    const framed = Buffer.concat([Buffer.from([0, 0, 0, 0, 7]), Buffer.from(JSON.stringify(payload))])
    const d = maskPayload(decodePayload(framed), part({ jsonPaths: ['$.card.number'] }))
    expect(d.format).toBe('confluent')
    expect(d.schemaId).toBe(7)
    expect([...bytesOf(d).subarray(0, 5)]).toEqual([0, 0, 0, 0, 7])
    expect(JSON.parse(bytesOf(d).subarray(5).toString()).card.number).toBe('****')
    expectHidden(d, '4111111111111111')
  })

  it('masks a Schema Registry decoded (Avro) payload; its bytes become the masked JSON', () => {
    const avro: Decoded = {
      format: 'avro',
      json: payload,
      text: JSON.stringify(payload),
      base64: Buffer.concat([Buffer.from([0, 0, 0, 0, 9]), Buffer.from('\u00204111111111111111')]).toString('base64'),
      schemaId: 9,
      size: 22,
    }
    const d = maskPayload(avro, part({ jsonPaths: ['$.card.number'] }))
    expect(d.format).toBe('avro')
    expect(d.schemaId).toBe(9)
    expectHidden(d, '4111111111111111')
  })

  it.each([
    ['plain text', decodePayload(Buffer.from('4111111111111111 plain'))],
    ['binary', decodePayload(Buffer.from([0xff, 0xfe, 0x34, 0x31, 0x31, 0x31]))],
    ['undecoded Avro', decodePayload(Buffer.from([0, 0, 0, 0, 1, 0x34, 0x31, 0x31, 0x31]))],
  ])('masks %s whole when a path rule cannot read it (onUnparsed: mask)', (_, d) => {
    const masked = maskPayload(d, part({ jsonPaths: ['$.card.number'] }))
    expect(masked).toEqual({ format: 'text', text: '****', base64: Buffer.from('****').toString('base64'), size: 4 })
  })

  it('keeps an unreadable payload with onUnparsed: keep', () => {
    const d = decodePayload(Buffer.from('plain'))
    expect(maskPayload(d, part({ jsonPaths: ['$.a'], onUnparsed: 'keep' }))).toBe(d)
  })

  it('drops a parse error that may quote the payload', () => {
    const d = decodePayload(Buffer.from('{"ssn": 1234-56'), 'json')
    expect(d.error).toContain('not valid JSON')
    const masked = maskPayload(d, part({ jsonPaths: ['$.ssn'] }))
    expect(masked.error).toBeUndefined()
    expect(masked.text).toBe('****')
  })

  it('leaves null payloads null', () => {
    const d = decodePayload(null)
    expect(maskPayload(d, part({ jsonPaths: ['$.a'] }))).toBe(d)
    expect(maskPayload(d, part({ action: 'mask' }))).toBe(d)
  })
})

describe('maskPayload: regex and whole payloads', () => {
  it('replaces with groups in the text of a key', () => {
    const d = maskPayload(
      decodePayload(Buffer.from('card-4111111111111234')),
      part({ regex: '\\d{12}(\\d{4})', replace: '************$1' }),
    )
    expect(d.text).toBe('card-************1234')
    expect(bytesOf(d).toString()).toBe('card-************1234')
  })

  it('defaults the replacement to ****, replacing every match', () => {
    const d = maskPayload(decodePayload(Buffer.from('a1b22c333')), part({ regex: '\\d+' }))
    expect(d.text).toBe('a****b****c****')
  })

  it('reparses JSON after a replacement, and falls back to text when it no longer parses', () => {
    const kept = maskPayload(json(), part({ regex: '\\w+@\\w+\\.\\w+' }))
    expect(kept.format).toBe('json')
    expect((kept.json as typeof payload).email).toBe('****')
    const broken = maskPayload(json(), part({ regex: '"email"' }))
    expect(broken.format).toBe('text')
    expect(broken.json).toBeUndefined()
  })

  it('applies paths first, then the regex', () => {
    const d = maskPayload(json(), part({ jsonPaths: ['$.card'], action: 'remove', regex: 'a@b' }))
    expect(d.json).toEqual({ email: '****.c', amount: 5 })
  })

  it('masks UTF-8 bytes shown as hex', () => {
    const d = maskPayload(decodePayload(Buffer.from('secret-42'), 'hex'), part({ regex: 'secret' }))
    expect(d.format).toBe('hex')
    expect(Buffer.from(d.text ?? '', 'hex').toString()).toBe('****-42')
  })

  it('masks or removes the whole payload', () => {
    expect(maskPayload(json(), part({})).text).toBe('****')
    expect(maskPayload(json(), part({ action: 'remove' }))).toEqual({ format: 'null', base64: '', size: 0 })
  })
})

const message = (): DecodedMessage => ({
  partition: 0,
  offset: '0',
  timestamp: 0,
  timestampType: 'CreateTime',
  key: decodePayload(Buffer.from('cust-4111111111111234')),
  value: json(),
  headers: [
    { key: 'Authorization', value: decodeHeaderValue(Buffer.from('Bearer abc')) },
    { key: 'trace', value: decodeHeaderValue(Buffer.from('t-1')) },
    { key: 'x-api-key', value: decodeHeaderValue(Buffer.from('k')) },
  ],
  sizeBytes: 10,
})

describe('maskMessage', () => {
  it('masks or removes headers by case-insensitive name', () => {
    const masked = maskMessage(message(), [rule({ topics: ['t'], headers: { names: ['authorization', 'x-*'] } })])
    expect(masked.headers.map((h) => [h.key, h.value.text])).toEqual([
      ['Authorization', '****'],
      ['trace', 't-1'],
      ['x-api-key', '****'],
    ])
    expect(Buffer.from(masked.headers[0]?.value.base64 ?? '', 'base64').toString()).toBe('****')
    const removed = maskMessage(message(), [
      rule({ topics: ['t'], headers: { names: ['/^authorization$/'], action: 'remove' } }),
    ])
    expect(removed.headers.map((h) => h.key)).toEqual(['trace', 'x-api-key'])
  })

  it('applies rules in order (global, then cluster) without changing the input', () => {
    const m = message()
    const before = JSON.stringify(m)
    const out = maskMessage(m, [
      rule({ topics: ['t'], value: { jsonPaths: ['$.card.number'] } }),
      rule({ topics: ['t'], key: { regex: '\\d{12}(\\d{4})', replace: 'XXXX$1' }, value: { regex: 'a@b' } }),
    ])
    expect(JSON.stringify(m)).toBe(before)
    expect(out.key.text).toBe('cust-XXXX1234')
    expect(out.value.json).toEqual({ card: { number: '****', cvc: 123 }, email: '****.c', amount: 5 })
  })
})

describe('rulesFor', () => {
  const rules = [
    rule({ topics: ['payments.*'], value: {}, exemptRoles: ['admin'] }),
    rule({ topics: ['/^cust(omers)?$/'], value: {} }),
  ]
  it.each([
    ['payments.eu', null, 1],
    ['payments', null, 0],
    ['customers', null, 1],
    ['cust', null, 1],
    ['customers2', null, 0],
    ['payments.eu', ['viewer'], 1],
    ['payments.eu', ['viewer', 'admin'], 0],
    ['customers', ['admin'], 1],
  ] as const)('%s for roles %j: %i rules', (topic, roles, n) => {
    expect(rulesFor(rules, [topic], roles)).toHaveLength(n)
  })

  it('matches a related topic (the source of a DLQ)', () => {
    expect(rulesFor(rules, ['payments-dlq', 'payments.eu'], null)).toHaveLength(1)
  })
})
