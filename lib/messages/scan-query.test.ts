import { describe, expect, it } from 'vitest'
import { ZodError } from 'zod'
import { parseScanQuery, toScanQuery } from './scan-query'
import type { ScanRequest } from './types'

describe('scan query', () => {
  it('defaults to the newest 100, read backward', () => {
    expect(parseScanQuery(new URLSearchParams())).toMatchObject({
      start: { from: 'newest' },
      direction: 'backward',
      limit: 100,
      maxScan: 100_000,
      keyFormat: 'auto',
    })
  })
  it.each<ScanRequest>([
    { start: { from: 'oldest' }, direction: 'forward', limit: 5, maxScan: 10, maxMs: 1_000, partitions: [0, 2] },
    { start: { from: 'offset', offset: '42' }, direction: 'backward', limit: 100, maxScan: 100_000, maxMs: 30_000 },
    {
      start: { from: 'timestamp', timestamp: 1_700_000_000_000 },
      direction: 'forward',
      limit: 100,
      maxScan: 100_000,
      maxMs: 30_000,
      filter: { cel: 'value.a == "x&y"', contains: 'héllo' },
      valueFormat: 'msgpack',
    },
    { start: { from: 'group', groupId: 'billing service' }, direction: 'forward', limit: 1, maxScan: 1, maxMs: 100 },
  ])('round-trips %j', (request) => {
    expect(parseScanQuery(toScanQuery(request))).toEqual({
      keyFormat: 'auto',
      valueFormat: 'auto',
      partitions: undefined,
      filter: undefined,
      ...request,
    })
  })
  it.each([
    'from=offset',
    'from=group',
    'limit=0',
    'limit=10001',
    'partitions=a,b',
    'offset=-1&from=offset',
    'keyFormat=avro',
    `cel=${'x'.repeat(2_001)}`,
  ])('refuses %s', (query) => {
    expect(() => parseScanQuery(new URLSearchParams(query))).toThrow(ZodError)
  })
})
