import { describe, expect, it } from 'vitest'
import { FerryConfigSchema } from './schema'

const parse = (masking: unknown, clusterMasking?: unknown) =>
  FerryConfigSchema.safeParse({
    clusters: [{ id: 'c', brokers: ['localhost:9092'], ...(clusterMasking ? { masking: clusterMasking } : {}) }],
    masking,
  })

const errorsOf = (r: ReturnType<typeof parse>) =>
  r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)

describe('masking config', () => {
  it('accepts the documented example and fills defaults', () => {
    const r = parse([
      {
        topics: ['payments.*', 'customers', '/^orders-\\d+$/'],
        value: { jsonPaths: ['$.card.number', '$.customer.email', '$..ssn', '$.items[*].iban', '$.a[0]'] },
        key: { regex: '\\d{12}(\\d{4})', replace: '************$1' },
        headers: { names: ['authorization', 'x-api-key'], action: 'remove' },
        exemptRoles: ['admin'],
      },
    ])
    expect(errorsOf(r)).toEqual([])
    expect(r.data?.masking[0]?.value).toEqual({
      jsonPaths: ['$.card.number', '$.customer.email', '$..ssn', '$.items[*].iban', '$.a[0]'],
      action: 'mask',
      onUnparsed: 'mask',
    })
    expect(r.data?.clusters[0]?.masking).toEqual([])
  })

  it('accepts per-cluster rules', () => {
    expect(errorsOf(parse(undefined, [{ topics: ['t'], value: { action: 'remove' } }]))).toEqual([])
  })

  it.each([
    [
      [{ topics: ['t'], value: { jsonPaths: ['card.number'] } }],
      'masking.0.value.jsonPaths.0: not a supported JSONPath',
    ],
    [
      [{ topics: ['t'], value: { jsonPaths: ['$.a[?(@.b)]'] } }],
      'masking.0.value.jsonPaths.0: not a supported JSONPath',
    ],
    [[{ topics: ['t'], key: { regex: '(' } }], 'masking.0.key.regex: not a valid regular expression'],
    [[{ topics: ['/(/'], value: {} }], 'masking.0.topics.0: not a valid pattern'],
    [[{ topics: ['/a/g'], value: {} }], 'masking.0.topics.0: not a valid pattern'],
    [[{ topics: [], value: {} }], 'masking.0.topics'],
    [[{ topics: ['t'] }], 'masking.0: a rule masks at least one of'],
    [[{ topics: ['t'], value: { jsonpaths: ['$.a'] } }], 'masking.0.value: Unrecognized key'],
    [[{ topics: ['t'], value: { replace: 'x' } }], 'masking.0.value.replace: "replace" goes with "regex"'],
    [[{ topics: ['t'], value: { regex: 'a', action: 'remove' } }], 'masking.0.value.action'],
    [[{ topics: ['t'], headers: { names: [] } }], 'masking.0.headers.names'],
    [[{ topics: ['t'], value: { action: 'hide' } }], 'masking.0.value.action'],
  ])('rejects %j', (masking, error) => {
    const errors = errorsOf(parse(masking))
    expect(errors.some((e) => e.startsWith(error))).toBe(true)
  })
})
