import { describe, expect, it } from 'vitest'
import { ApiError } from '@/lib/errors'
import { compileCel } from './compile-cel'

const input = {
  key: 'k',
  value: { a: 1 },
  headers: new Map<string, string>(),
  partition: 0n,
  offset: 0n,
  timestamp: 0n,
}
const list20 = `[${Array(20).fill('1').join(',')}]`

function refusal(expression: string): string {
  try {
    compileCel(expression)
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError)
    expect((err as ApiError).code).toBe('invalid_input')
    return (err as ApiError).message
  }
  throw new Error(`accepted: ${expression}`)
}

describe('CEL cost guards', () => {
  it('refuses comprehensions nested deeper than two (20^6 steps per message otherwise)', () => {
    expect(refusal(`[${list20}].all(a, a.all(b, a.all(c, a.all(d, a.all(e, a.all(f, true))))))`)).toMatch(/nested/)
    expect(refusal(`${list20}.map(a, ${list20}.map(b, ${list20}.exists(c, true))).size() > 0`)).toMatch(/nested/)
    // Two levels (pairs) and chained, unnested comprehensions stay legal.
    expect(compileCel(`${list20}.all(a, ${list20}.exists(b, a == b))`)(input)).toBe(true)
    expect(compileCel(`${list20}.all(a, a == 1) && ${list20}.exists(b, b == 1) && [1].map(c, c)[0] == 1`)(input)).toBe(
      true,
    )
  })

  it('refuses matches() with a non-literal pattern, backreferences or lookarounds', () => {
    expect(refusal('"a".matches(string(key))')).toMatch(/literal/)
    expect(refusal('"aa".matches("^(a+)+\\\\1$")')).toMatch(/backreferences/)
    expect(refusal('"aa".matches("a(?=a)")')).toMatch(/lookarounds/)
    expect(compileCel('string(key).matches("^k$")')(input)).toBe(true)
  })

  it('runs an exponentially backtracking pattern in bounded time (linear-engine fallback)', () => {
    const t0 = Date.now()
    expect(compileCel(`"${'a'.repeat(40)}!".matches("^(a+)+$")`)(input)).toBe(false)
    expect(compileCel(`"${'a'.repeat(40)}!".matches("^(a|a)*$")`)(input)).toBe(false)
    expect(Date.now() - t0).toBeLessThan(2_000)
  })
})
