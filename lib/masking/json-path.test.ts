import { describe, expect, it } from 'vitest'
import { applyJsonPaths, JsonPathError, maskedValueOf, parseJsonPath } from './json-path'

const doc = {
  card: { number: '4111111111111111', cvc: 123, valid: true },
  customer: { email: 'a@b.c', ssn: '111-22-3333', address: { ssn: 'nested' } },
  items: [
    { sku: 'x', price: 1, owner: { ssn: 'in-array' } },
    { sku: 'y', price: 2 },
  ],
  'odd key': 'v',
  ssn: 'top',
}

describe('parseJsonPath', () => {
  it.each([
    [
      '$.a.b',
      [
        { descendant: false, selector: { kind: 'name', name: 'a' } },
        { descendant: false, selector: { kind: 'name', name: 'b' } },
      ],
    ],
    [
      '$.a[*].b',
      [
        { descendant: false, selector: { kind: 'name', name: 'a' } },
        { descendant: false, selector: { kind: 'wildcard' } },
        { descendant: false, selector: { kind: 'name', name: 'b' } },
      ],
    ],
    ['$..ssn', [{ descendant: true, selector: { kind: 'name', name: 'ssn' } }]],
    [
      '$.a[0]',
      [
        { descendant: false, selector: { kind: 'name', name: 'a' } },
        { descendant: false, selector: { kind: 'index', index: 0 } },
      ],
    ],
    [
      '$.a[-1]',
      [
        { descendant: false, selector: { kind: 'name', name: 'a' } },
        { descendant: false, selector: { kind: 'index', index: -1 } },
      ],
    ],
    ["$['odd key']", [{ descendant: false, selector: { kind: 'name', name: 'odd key' } }]],
    ['$["it\\"s"]', [{ descendant: false, selector: { kind: 'name', name: 'it"s' } }]],
    ['$.*', [{ descendant: false, selector: { kind: 'wildcard' } }]],
    ['$..[0]', [{ descendant: true, selector: { kind: 'index', index: 0 } }]],
  ])('%s', (source, expected) => {
    expect(parseJsonPath(source)).toEqual(expected)
  })

  it.each([
    ['a.b', 'starts with $'],
    ['$', 'whole payload'],
    ['$.', 'field name'],
    ['$.a[', 'index'],
    ['$.a[0', '"]"'],
    ["$['a]", 'unterminated'],
    ['$a', 'expected "."'],
    ['$.a[?(@.x)]', 'index'],
    ['$.a b', 'expected "."'],
  ])('rejects %s', (source, why) => {
    expect(() => parseJsonPath(source)).toThrow(JsonPathError)
    expect(() => parseJsonPath(source)).toThrow(why)
  })
})

const run = (paths: string[], action: 'mask' | 'remove' = 'mask') =>
  applyJsonPaths(
    doc,
    paths.map((p) => parseJsonPath(p)),
    action,
  )

describe('applyJsonPaths', () => {
  it.each([
    ['$.card.number', 1, (j: typeof doc) => j.card.number === '****'],
    ['$.card.cvc', 1, (j: typeof doc) => j.card.cvc === 0],
    ['$.card.valid', 1, (j: typeof doc) => j.card.valid === false],
    ['$.card', 1, (j: typeof doc) => JSON.stringify(j.card) === '{}'],
    ['$.items', 1, (j: typeof doc) => Array.isArray(j.items) && j.items.length === 0],
    ['$.items[*].sku', 2, (j: typeof doc) => j.items.every((i) => i.sku === '****')],
    ['$.items[0].price', 1, (j: typeof doc) => j.items[0]?.price === 0 && j.items[1]?.price === 2],
    ['$.items[-1].price', 1, (j: typeof doc) => j.items[1]?.price === 0 && j.items[0]?.price === 1],
    ['$..ssn', 4, (j: typeof doc) => !JSON.stringify(j).match(/top|nested|in-array|111-22/)],
    ["$['odd key']", 1, (j: typeof doc) => j['odd key'] === '****'],
    ['$.nothing.here', 0, (j: typeof doc) => j === doc],
    ['$.card[0]', 0, (j: typeof doc) => j === doc],
    ['$.items.sku', 0, (j: typeof doc) => j === doc],
  ])('mask %s', (path, hits, check) => {
    const result = run([path])
    expect(result.hits).toBe(hits)
    expect(check(result.json as typeof doc)).toBe(true)
  })

  it('never changes the input', () => {
    const before = JSON.stringify(doc)
    run(['$..ssn', '$.card'], 'remove')
    expect(JSON.stringify(doc)).toBe(before)
  })

  it('removes fields and array elements (indexes chosen before anything moves)', () => {
    const { json } = run(['$.card.number', '$.items[0]', '$.items[1]', '$..ssn'], 'remove')
    expect(json).toEqual({
      card: { cvc: 123, valid: true },
      customer: { email: 'a@b.c', address: {} },
      items: [],
      'odd key': 'v',
    })
  })

  it('counts each place once when paths overlap', () => {
    expect(run(['$.ssn', '$..ssn']).hits).toBe(4)
  })

  it('leaves scalars alone', () => {
    expect(applyJsonPaths('text', [parseJsonPath('$.a')], 'mask')).toEqual({ json: 'text', hits: 0 })
  })

  it('masks by kind', () => {
    expect([null, 'x', 5, true, [1], { a: 1 }].map((v) => maskedValueOf(v, '****'))).toEqual([
      null,
      '****',
      0,
      false,
      [],
      {},
    ])
  })
})
