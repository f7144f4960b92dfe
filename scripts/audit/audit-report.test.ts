import { describe, expect, it } from 'vitest'
import { judgeAudit, parseAllowlist } from './audit-report'

const advisory = (source: number, name: string, severity: string) => ({
  source,
  name,
  dependency: name,
  title: `bug in ${name}`,
  url: `https://github.com/advisories/GHSA-${source}-aaaa-bbbb`,
  severity,
  range: '<2.0.0',
})

const report = JSON.stringify({
  auditReportVersion: 2,
  vulnerabilities: {
    lib: { name: 'lib', severity: 'high', via: [advisory(1, 'lib', 'high'), advisory(2, 'lib', 'moderate')] },
    // Only inherits its severity from lib: no advisory of its own.
    wrapper: { name: 'wrapper', severity: 'high', via: ['lib'] },
    core: { name: 'core', severity: 'critical', via: [advisory(3, 'core', 'critical')] },
  },
})

describe('judgeAudit', () => {
  it('fails on high and critical advisories only, once each', () => {
    const v = judgeAudit(report, [], '2026-01-01')
    expect(v.kind).toBe('checked')
    if (v.kind !== 'checked') return
    expect(v.failures.map((a) => a.source).sort()).toEqual([1, 3])
  })

  it('lets allowlisted advisories pass until they expire', () => {
    const allow = [{ id: 'GHSA-3-aaaa-bbbb', package: 'core', reason: 'not reachable', expires: '2026-06-30' }]
    const v = judgeAudit(report, allow, '2026-01-01')
    expect(v.kind === 'checked' && v.failures.map((a) => a.source)).toEqual([1])
    expect(v.kind === 'checked' && v.allowed.map((a) => a.source)).toEqual([3])
    const later = judgeAudit(report, allow, '2026-07-01')
    expect(later.kind === 'checked' && later.failures.map((a) => a.source).sort()).toEqual([1, 3])
    expect(later.kind === 'checked' && later.expired).toHaveLength(1)
  })

  it('an entry for another package does not cover the advisory', () => {
    const allow = [{ id: '1', package: 'other', reason: 'x', expires: '2099-01-01' }]
    const v = judgeAudit(report, allow, '2026-01-01')
    expect(v.kind === 'checked' && v.failures).toHaveLength(2)
  })

  it('says the audit did not run when npm answers its error object', () => {
    const npmError = JSON.stringify({
      message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
      statusCode: 405,
    })
    expect(judgeAudit(npmError, [], '2026-01-01')).toEqual({
      kind: 'unavailable',
      reason: expect.stringContaining('405 Method Not Allowed'),
    })
    expect(judgeAudit('', [], '2026-01-01').kind).toBe('unavailable')
  })

  it('passes a clean report', () => {
    const v = judgeAudit(JSON.stringify({ vulnerabilities: {} }), [], '2026-01-01')
    expect(v).toEqual({ kind: 'checked', failures: [], allowed: [], expired: [] })
  })
})

describe('parseAllowlist', () => {
  it('requires every field', () => {
    expect(parseAllowlist('{"advisories": []}')).toEqual([])
    expect(() => parseAllowlist('{"advisories": [{"id": "1"}]}')).toThrow(/package/)
    expect(() =>
      parseAllowlist('{"advisories": [{"id": "1", "package": "p", "reason": "r", "expires": "soon"}]}'),
    ).toThrow(/YYYY-MM-DD/)
    expect(() => parseAllowlist('{}')).toThrow(/advisories/)
  })
})
