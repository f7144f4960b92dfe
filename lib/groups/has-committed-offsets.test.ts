import { describe, expect, it } from 'vitest'
import { hasCommittedOffsets } from './has-committed-offsets'

describe('hasCommittedOffsets', () => {
  it.each([
    ['classic', 'consumer', true],
    ['classic', '', true], // an Empty classic group that only has committed offsets
    ['classic', 'connect', false], // Kafka Connect's worker group is not a consumer group
    ['consumer', 'consumer', true],
    ['streams', 'streams', true],
    ['share', 'share', false],
  ] as const)('%s/%s → %s', (type, protocolType, expected) => {
    expect(hasCommittedOffsets({ type, protocolType })).toBe(expected)
  })
})
