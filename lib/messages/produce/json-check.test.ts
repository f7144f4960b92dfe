import { describe, expect, it } from 'vitest'
import { checkJson, describeJsonError, locateJsonError } from './json-check'

const validByRuntime = (s: string) => {
  try {
    JSON.parse(s)
    return true
  } catch {
    return false
  }
}

describe('checkJson', () => {
  it('accepts what JSON.parse accepts', () => {
    for (const s of ['{}', '[]', ' 1 ', '"x"', 'null', '-0.5e+3', '{"a":[1,{"b":null}],"c":"\\u00e9\\n"}', '\n[\n]\n'])
      expect(checkJson(s), s).toBeNull()
  })

  it('locates errors with line and column, also where V8 gives no position', () => {
    expect(checkJson('abc')).toMatchObject({ position: 0, line: 1, column: 1 })
    expect(checkJson('')).toMatchObject({ position: 0, message: expect.stringMatching(/end of input/) })
    expect(checkJson('{"a": 1,\n  "b": tru}')).toMatchObject({ position: 16, line: 2, column: 8 })
    expect(checkJson('{"a":1,}')).toMatchObject({ position: 7 })
    expect(checkJson('[1,2')).toMatchObject({ position: 4 })
    expect(checkJson('{"a" 1}')).toMatchObject({ position: 5 })
    expect(checkJson('"\\x"')).toMatchObject({ position: 1 })
    expect(checkJson('01')).toMatchObject({ position: 1 })
    expect(checkJson('{"a":"b\nc"}')).toMatchObject({ position: 7 })
    expect(describeJsonError(checkJson('[1,]') ?? { message: '', position: 0, line: 0, column: 0 })).toBe(
      "Unexpected ']': expected a value at line 1, column 4 (position 3)",
    )
  })

  it('agrees with JSON.parse on random near-JSON texts', () => {
    const parts = [
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      '"a"',
      '"\\u12"',
      '"\\q"',
      '1',
      '-',
      '01',
      '1.',
      '.5',
      'true',
      'nul',
      ' ',
      '\n',
      'x',
      '"',
    ]
    let seed = 7
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % n
    }
    for (let k = 0; k < 20_000; k++) {
      const s = Array.from({ length: 1 + rand(8) }, () => parts[rand(parts.length)]).join('')
      expect(locateJsonError(s) === null, s).toBe(validByRuntime(s))
    }
  })

  it('does not overflow the stack on deep nesting', () => {
    const deep = '['.repeat(500_000)
    expect(checkJson(deep)).toMatchObject({ position: 500_000 })
  })
})
