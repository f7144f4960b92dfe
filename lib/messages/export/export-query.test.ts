import { describe, expect, it } from 'vitest'
import { ZodError } from 'zod'
import { SCAN_DEFAULTS, type ScanRequest } from '../types'
import { EXPORT_BOUNDS, exportPath, parseExportQuery, toExportQuery } from './export-query'

const request: ScanRequest = {
  start: { from: 'offset', offset: '5' },
  direction: 'forward',
  limit: 250_000,
  maxScan: 2_000_000,
  maxMs: 60_000,
  filter: { cel: 'value.n > 1' },
  partitions: [0, 2],
}

describe('export query', () => {
  it('round-trips a scan request with a limit above the scan bound', () => {
    const back = parseExportQuery(toExportQuery(request, 'csv'))
    expect(back.format).toBe('csv')
    expect(back.request).toMatchObject({ ...request, filter: { cel: 'value.n > 1' } })
  })

  it('defaults to NDJSON and the scan limit', () => {
    const q = parseExportQuery(new URLSearchParams('from=oldest'))
    expect(q.format).toBe('ndjson')
    expect(q.request.limit).toBe(SCAN_DEFAULTS.limit)
  })

  it('refuses a bad format, a limit past the export bound and a bad scan query, all at once', () => {
    const bad = new URLSearchParams({ format: 'xml', limit: String(EXPORT_BOUNDS.limit + 1), from: 'offset' })
    try {
      parseExportQuery(bad)
      expect.unreachable()
    } catch (err) {
      expect(err).toBeInstanceOf(ZodError)
      expect((err as ZodError).issues.map((i) => i.path.join('.')).sort()).toEqual(['format', 'limit', 'offset'])
    }
  })

  it('builds the route path with encoded segments', () => {
    expect(exportPath('c 1', 'orders.v1', request, 'ndjson')).toMatch(
      /^\/api\/clusters\/c%201\/topics\/orders\.v1\/messages\/export\?.*format=ndjson/,
    )
  })
})
