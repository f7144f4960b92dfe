import { describe, expect, it } from 'vitest'
import { inferKafkaRelease, metadataVersionLevel, metadataVersionName } from './kafka-version'
import type { ApiVersionsResult } from './protocol/api-versions'

function answer(finalized?: number, supportedMax?: number): ApiVersionsResult {
  return {
    apiKeys: new Map([[18, { min: 0, max: 4 }]]),
    supportedFeatures: supportedMax === undefined ? {} : { 'metadata.version': { min: 7, max: supportedMax } },
    finalizedFeatures: finalized === undefined ? {} : { 'metadata.version': { min: finalized, max: finalized } },
    finalizedFeaturesEpoch: finalized === undefined ? null : 12n,
    zkMigrationReady: false,
    requestVersion: 3,
  }
}

describe('metadata.version table', () => {
  it.each([
    [1, '3.0-IV1'],
    [7, '3.3-IV3'],
    [8, '3.4-IV0'],
    [11, '3.5-IV2'],
    [14, '3.6-IV2'],
    [19, '3.7-IV4'],
    [20, '3.8-IV0'],
    [21, '3.9-IV0'],
    [25, '4.0-IV3'],
    [27, '4.1-IV1'],
    [29, '4.2-IV1'],
    [30, '4.3-IV0'],
  ])('level %d is %s, and back', (level, name) => {
    expect(metadataVersionName(level)).toBe(name)
    expect(metadataVersionLevel(name)).toBe(level)
  })

  it('knows nothing below level 1 or above 4.3-IV0', () => {
    expect(metadataVersionName(0)).toBeNull()
    expect(metadataVersionName(31)).toBeNull()
    expect(metadataVersionLevel('4.4-IV0')).toBeNull()
    expect(metadataVersionLevel('nonsense')).toBeNull()
  })

  it('has one name per level from 1 to 30, in release order', () => {
    const names = Array.from({ length: 30 }, (_, i) => metadataVersionName(i + 1))
    expect(names.every((n) => n !== null)).toBe(true)
    const sortable = (n: string | null) =>
      (n ?? '').replace(/(\d+)\.(\d+)-IV(\d+)/, (_, a, b, c) => `${a}.${b.padStart(2, '0')}.${c}`)
    expect([...names].sort((a, b) => sortable(a).localeCompare(sortable(b)))).toEqual(names)
  })
})

describe('inferKafkaRelease', () => {
  it.each([
    [7, '3.3', 'metadata.version 3.3-IV3 (level 7)'],
    [21, '3.9', 'metadata.version 3.9-IV0 (level 21)'],
    [22, '4.0', 'metadata.version 4.0-IV0 (level 22)'],
    [25, '4.0', 'metadata.version 4.0-IV3 (level 25)'],
    [30, '4.3', 'metadata.version 4.3-IV0 (level 30)'],
  ])('finalized level %d → %s', (level, release, source) => {
    expect(inferKafkaRelease(answer(level, level))).toEqual({ release, source })
  })

  it('says when the broker software is ahead of the finalized level', () => {
    expect(inferKafkaRelease(answer(21, 30))).toEqual({
      release: '3.9',
      source: 'metadata.version 3.9-IV0 (level 21); this broker supports up to 4.3-IV0 (level 30)',
    })
  })

  it('answers "≥ 4.3" for a level beyond the table', () => {
    expect(inferKafkaRelease(answer(31, 31))).toEqual({
      release: '≥ 4.3',
      source: 'metadata.version level 31 (newer than 4.3-IV0, level 30)',
    })
  })

  it('is honest about brokers without a finalized metadata.version', () => {
    expect(inferKafkaRelease(answer())).toEqual({ release: null, source: 'unknown' })
    expect(inferKafkaRelease(answer(undefined, 21))).toEqual({ release: null, source: 'unknown' })
    expect(inferKafkaRelease(answer(0))).toEqual({ release: null, source: 'unknown' })
    expect(inferKafkaRelease({ ...answer(), requestVersion: 0 })).toEqual({ release: null, source: 'unknown' })
  })
})
