import { describe, expect, it } from 'vitest'
import { countFilters, EMPTY_AUDIT_FORM, formToFilters, localToIso } from './audit-filter-model'

describe('formToFilters', () => {
  it('drops empty fields and trims text', () => {
    expect(formToFilters(EMPTY_AUDIT_FORM)).toEqual({})
    expect(formToFilters({ ...EMPTY_AUDIT_FORM, actor: ' ann ', result: 'error' })).toEqual({
      actor: 'ann',
      result: 'error',
    })
  })

  it('turns local times into ISO instants', () => {
    const iso = localToIso('2026-01-31T12:00')
    expect(iso).toBe(new Date('2026-01-31T12:00').toISOString())
    expect(localToIso('')).toBeUndefined()
    expect(localToIso('not a date')).toBeUndefined()
    expect(countFilters(formToFilters({ ...EMPTY_AUDIT_FORM, from: '2026-01-31T12:00', q: 'x' }))).toBe(2)
  })
})
