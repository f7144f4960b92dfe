import { describe, expect, it } from 'vitest'
import { EXPORT_BOUNDS, parseExportQuery } from '@/lib/messages/export/export-query'
import { SCAN_BOUNDS } from '@/lib/messages/types'
import { DEFAULT_STATE } from './explorer-model'
import { exportHref } from './export-model'

const state = {
  ...DEFAULT_STATE,
  from: 'oldest' as const,
  direction: 'forward' as const,
  limit: 500,
  cel: 'value.n > 1',
}
const queryOf = (href: string) => parseExportQuery(new URL(href, 'http://x').searchParams)

describe('exportHref', () => {
  it('exports the current results: same start, filter and limit', () => {
    const out = exportHref('c1', 'orders', state, 'csv', false)
    if (!('href' in out)) throw new Error(out.error)
    expect(out.href.startsWith('/api/clusters/c1/topics/orders/messages/export?')).toBe(true)
    const q = queryOf(out.href)
    expect(q.format).toBe('csv')
    expect(q.request).toMatchObject({
      start: { from: 'oldest' },
      direction: 'forward',
      limit: 500,
      maxScan: DEFAULT_STATE.maxScan,
      maxMs: SCAN_BOUNDS.maxMs,
      filter: { cel: 'value.n > 1' },
    })
  })

  it('raises the bounds for a full scan', () => {
    const out = exportHref('c1', 'orders', state, 'ndjson', true)
    if (!('href' in out)) throw new Error(out.error)
    expect(queryOf(out.href).request).toMatchObject({ limit: EXPORT_BOUNDS.limit, maxScan: SCAN_BOUNDS.maxScan })
  })

  it('says what is wrong with the controls', () => {
    expect(exportHref('c1', 'orders', { ...state, from: 'group', group: ' ' }, 'csv', false)).toEqual({
      error: 'Enter a consumer group id',
    })
  })
})
