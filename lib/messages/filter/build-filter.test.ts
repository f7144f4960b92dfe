import { describe, expect, it } from 'vitest'
import { ApiError } from '@/lib/errors'
import { decodeHeaderValue, decodePayload } from '../decode/decode-payload'
import type { DecodedMessage } from '../types'
import { buildFilter } from './build-filter'
import { MAX_CEL_LENGTH } from './compile-cel'

function msg(key: string | null, value: Uint8Array | string | null, headers: Record<string, string> = {}, offset = 5) {
  const bytes = typeof value === 'string' ? Buffer.from(value) : value
  return {
    partition: 1,
    offset: String(offset),
    timestamp: 1_700_000_000_000,
    timestampType: 'CreateTime',
    key: decodePayload(key === null ? null : Buffer.from(key)),
    value: decodePayload(bytes),
    headers: Object.entries(headers).map(([k, v]) => ({ key: k, value: decodeHeaderValue(Buffer.from(v)) })),
    sizeBytes: 10,
  } satisfies DecodedMessage
}

const order = msg('order-1', '{"amount":150,"customer":{"name":"Bob"},"tags":["vip"]}', { 'event-type': 'created' })

describe('CEL filter', () => {
  it.each([
    ['value.amount > 100', true],
    ['value.amount > 100.5', true],
    ['value.amount == 150', true],
    ['value.customer.name == "Bob" && partition == 1', true],
    ['"vip" in value.tags', true],
    ['key.startsWith("order-")', true],
    ['headers["event-type"] == "created"', true],
    ['"event-type" in headers && offset >= 5', true],
    ['timestamp > 1600000000000', true],
    ['has(value.customer.name)', true],
    ['value.amount < 100', false],
    ['key == "other"', false],
  ])('%s → %s', (cel, expected) => {
    const f = buildFilter({ cel })
    expect(f.matches(order)).toBe(expected)
    expect(f.errors).toBe(0)
  })

  it('a string value compares as a string', () => {
    expect(buildFilter({ cel: 'value.contains("plain")' }).matches(msg('k', 'plain text'))).toBe(true)
  })

  it('an evaluation error is a non-match and is counted, not thrown', () => {
    const f = buildFilter({ cel: 'value.missing.deeper == 1' })
    expect(f.matches(order)).toBe(false)
    expect(f.matches(msg('k', 'text'))).toBe(false)
    expect(f.errors).toBe(2)
  })

  it.each([
    ['value.amount >', 14],
    ['value.amount > 1 &&& true', 19],
    ['unknownVar == 1', 0],
    ['offset == "x"', 0],
  ])('"%s" fails to compile with its position', (cel, position) => {
    let error: unknown
    try {
      buildFilter({ cel })
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).code).toBe('invalid_input')
    expect((error as ApiError).details).toMatchObject({ field: 'cel', position })
    expect((error as ApiError).message).toContain(`position ${position}`)
  })

  it('refuses a non-boolean expression', () => {
    expect(() => buildFilter({ cel: 'offset + 1' })).toThrow(/not a bool/)
  })

  it('refuses an overlong or pathologically nested expression', () => {
    expect(() => buildFilter({ cel: `${'true && '.repeat(MAX_CEL_LENGTH / 8)}true` })).toThrow(ApiError)
    expect(() => buildFilter({ cel: `${'('.repeat(100)}true${')'.repeat(100)}` })).toThrow(ApiError)
  })

  it('a blank expression matches everything', () => {
    expect(buildFilter({ cel: '  ' }).matches(order)).toBe(true)
    expect(buildFilter(undefined).matches(order)).toBe(true)
  })
})

describe('contains filter', () => {
  it.each([
    ['BOB', true],
    ['order-1', true],
    ['CREATED', true],
    ['nowhere', false],
  ])('%s → %s', (contains, expected) => {
    expect(buildFilter({ contains }).matches(order)).toBe(expected)
  })
  it('searches the hex of binary values, and combines with CEL', () => {
    expect(buildFilter({ contains: 'ff00' }).matches(msg(null, Buffer.from([0xff, 0, 1])))).toBe(true)
    expect(buildFilter({ contains: 'bob', cel: 'value.amount < 10' }).matches(order)).toBe(false)
  })
})
