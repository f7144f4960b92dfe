import { describe, expect, it } from 'vitest'
import { ResetOffsetsBodySchema, ResetOffsetsRequestSchema } from './schema'

const ok = (body: unknown) => ResetOffsetsBodySchema.safeParse(body).success

describe('reset request schema', () => {
  it('accepts every mode', () => {
    const scope = { topics: [{ topic: 'orders', partitions: [0, 1] }] }
    for (const mode of [
      { kind: 'earliest' },
      { kind: 'latest' },
      { kind: 'timestamp', timestamp: 1_700_000_000_000 },
      { kind: 'timestamp', timestamp: '2025-01-31T12:00:00Z' },
      { kind: 'timestamp', timestamp: '2025-01-31T12:00:00.123+02:00' },
      { kind: 'offset', offset: '9223372036854775807' },
      { kind: 'shift', by: '-9223372036854775808' },
      { kind: 'shift', by: '+5' },
    ]) {
      expect(ok({ dryRun: true, scope, mode }), JSON.stringify(mode)).toBe(true)
    }
    expect(ok({ dryRun: false, scope: { allCommittedTopics: true }, mode: { kind: 'earliest' } })).toBe(true)
  })

  it('refuses bad values', () => {
    const scope = { allCommittedTopics: true }
    for (const mode of [
      { kind: 'offset', offset: 5 }, // a JSON number loses precision beyond 2^53: strings only
      { kind: 'offset', offset: '9223372036854775808' },
      { kind: 'shift', by: '1.5' },
      { kind: 'timestamp', timestamp: '2025-01-31T12:00:00' }, // no zone
      { kind: 'timestamp', timestamp: -1 },
      { kind: 'timestamp', timestamp: 'yesterday' },
      { kind: 'rewind' },
      { kind: 'earliest', extra: 1 },
    ]) {
      expect(ok({ dryRun: true, scope, mode }), JSON.stringify(mode)).toBe(false)
    }
    expect(ok({ scope, mode: { kind: 'earliest' } })).toBe(false) // dryRun is required
    expect(ok({ dryRun: true, scope: { topics: [] }, mode: { kind: 'earliest' } })).toBe(false)
    expect(ok({ dryRun: true, scope: { topics: [{ topic: 'a/b' }] }, mode: { kind: 'earliest' } })).toBe(false)
    expect(ok({ dryRun: true, scope: { allCommittedTopics: false }, mode: { kind: 'earliest' } })).toBe(false)
    expect(ok({ dryRun: true, scope: { topics: [{ topic: 't', partitions: [-1] }] }, mode: { kind: 'latest' } })).toBe(
      false,
    )
  })

  it('the request schema is the body without dryRun', () => {
    expect(
      ResetOffsetsRequestSchema.safeParse({ scope: { allCommittedTopics: true }, mode: { kind: 'latest' } }).success,
    ).toBe(true)
  })
})
