import { describe, expect, it } from 'vitest'
import { HttpError } from '@/lib/client/fetch-json'
import { bootstrapFromError, healthTone } from './overview-model'

describe('bootstrapFromError', () => {
  it('reads the probes the server attaches to a 503', () => {
    const probes = [
      { address: '127.0.0.1:9092', reachable: false, error: 'Connection refused' },
      { address: '127.0.0.1:9093', reachable: true, latencyMs: 2 },
    ]
    const err = new HttpError(503, 'broker_unavailable', 'Cannot reach', { bootstrap: probes })
    expect(bootstrapFromError(err)).toEqual(probes)
  })

  it('ignores errors without well-formed probes', () => {
    expect(bootstrapFromError(new HttpError(404, 'not_found', 'Unknown cluster'))).toBeNull()
    expect(bootstrapFromError(new HttpError(503, 'broker_unavailable', 'x', { bootstrap: [] }))).toBeNull()
    expect(bootstrapFromError(new HttpError(503, 'broker_unavailable', 'x', { bootstrap: [{ host: 'a' }] }))).toBeNull()
    expect(bootstrapFromError(new Error('boom'))).toBeNull()
    expect(bootstrapFromError(null)).toBeNull()
  })
})

describe('healthTone', () => {
  it('highlights only counts above zero', () => {
    expect(healthTone(0, 'danger')).toBe('default')
    expect(healthTone(3, 'danger')).toBe('danger')
    expect(healthTone(1, 'warning')).toBe('warning')
  })
})
