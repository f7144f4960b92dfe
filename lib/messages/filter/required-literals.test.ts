import { describe, expect, it } from 'vitest'
import { compileCel } from './compile-cel'
import { jsonNeedlesOf, rawValueCannotMatch, requiredValueLiterals } from './required-literals'

const literalsOf = (cel: string) => compileCel(cel).requiredValueLiterals

describe('requiredValueLiterals', () => {
  it.each([
    ['value.tier == "platinum"', ['platinum']],
    ['"platinum" == value.tier', ['platinum']],
    ['value["customer"].tier == "gold" && partition == 0', ['gold']],
    ['value.a == "x" && (value.b == "y" && offset > 5)', ['x', 'y']],
    ['value.tier == "platinum" || value.tier == "gold"', []],
    ['!(value.tier == "platinum")', []],
    ['value == "plain text"', []],
    ['key == "k1"', []],
    ['value.tier != "platinum"', []],
    ['value.tier == ""', []],
    ['headers["event-type"] == "OrderCreated"', []],
  ] as const)('%s → %j', (cel, expected) => {
    expect(literalsOf(cel)).toEqual(expected)
  })

  it('gives nothing for a missing AST', () => {
    expect(requiredValueLiterals(undefined)).toEqual([])
  })
})

describe('rawValueCannotMatch', () => {
  const needles = jsonNeedlesOf(['platinum'])
  const raw = (s: string) => Buffer.from(s, 'utf8')
  it.each([
    ['{"tier":"gold"}', true],
    ['  {"tier":"platinum"}', false],
    ['[{"tier":"gold"}]', true],
    // An escape could spell the literal: left to the full decode.
    ['{"tier":"platin\\u0075m"}', false],
    // Not JSON text (MessagePack, Avro, plain text): left to the full decode.
    ['tier=gold', false],
    // The quoted literal appears (in another field): only the full evaluation can tell.
    ['{"tier":"gold","previous":"platinum"}', false],
    // The word appears, but never as a whole JSON string: cannot be equal.
    ['{"note":"platinumish"}', true],
  ] as const)('%s → %s', (value, expected) => {
    expect(rawValueCannotMatch(raw(value), needles)).toBe(expected)
  })

  it('leaves binary payloads (Confluent framing, Avro, MessagePack) to the full decode', () => {
    expect(rawValueCannotMatch(Buffer.from([0, 0, 0, 0, 1, 0x7b]), needles)).toBe(false)
  })

  it('never rejects without literals, or a null or empty value', () => {
    expect(rawValueCannotMatch(raw('{"a":1}'), [])).toBe(false)
    expect(rawValueCannotMatch(null, needles)).toBe(false)
    expect(rawValueCannotMatch(Buffer.alloc(0), needles)).toBe(false)
  })
})
