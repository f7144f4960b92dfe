// Pure: judges `npm audit --json` output against the allowlist (.ci/audit-allowlist.json). No I/O here.

export type Severity = 'info' | 'low' | 'moderate' | 'high' | 'critical'

/** One advisory npm reports (an object in a vulnerability's `via`). */
export type Advisory = { source: number; name: string; title: string; url: string; severity: Severity; range?: string }

export type AllowlistEntry = {
  /** The GHSA id (e.g. GHSA-xxxx-xxxx-xxxx) or npm's numeric advisory id. */
  id: string
  package: string
  /** Why it does not affect Ferry (or why it cannot be fixed yet). */
  reason: string
  /** YYYY-MM-DD: after this the entry no longer applies, so every exception is looked at again. */
  expires: string
}

export type AuditVerdict =
  | { kind: 'unavailable'; reason: string }
  | { kind: 'checked'; failures: Advisory[]; allowed: Advisory[]; expired: AllowlistEntry[] }

const BLOCKING: ReadonlySet<Severity> = new Set(['high', 'critical'])

/** The GHSA id of an advisory (from its URL), else npm's number. */
export function advisoryId(a: Advisory): string {
  return /GHSA-[\w-]+/.exec(a.url)?.[0] ?? String(a.source)
}

/**
 * The verdict on one `npm audit --json` output. Output without a `vulnerabilities` map (npm's error object, e.g.
 * when the registry's audit endpoint refuses or cannot be reached) means the audit did not run.
 */
export function judgeAudit(output: string, allowlist: readonly AllowlistEntry[], today: string): AuditVerdict {
  let report: { vulnerabilities?: Record<string, { via?: unknown[] }>; message?: string; error?: unknown }
  try {
    report = JSON.parse(output)
  } catch {
    return { kind: 'unavailable', reason: `npm audit did not answer JSON: ${output.slice(0, 200) || '(nothing)'}` }
  }
  if (!report || typeof report !== 'object' || !report.vulnerabilities) {
    const why = report?.message ?? JSON.stringify(report?.error ?? report).slice(0, 300)
    return { kind: 'unavailable', reason: `the registry's audit endpoint did not answer: ${why}` }
  }
  const advisories = new Map<string, Advisory>()
  for (const v of Object.values(report.vulnerabilities)) {
    for (const via of v.via ?? []) {
      if (via && typeof via === 'object' && 'source' in via) {
        const a = via as Advisory
        advisories.set(advisoryId(a), a)
      }
    }
  }
  const live = allowlist.filter((e) => e.expires >= today)
  const expired = allowlist.filter((e) => e.expires < today)
  const failures: Advisory[] = []
  const allowed: Advisory[] = []
  for (const a of advisories.values()) {
    if (!BLOCKING.has(a.severity)) continue
    const id = advisoryId(a)
    const ok = live.some((e) => (e.id === id || e.id === String(a.source)) && e.package === a.name)
    ;(ok ? allowed : failures).push(a)
  }
  return { kind: 'checked', failures, allowed, expired }
}

/** Checks the allowlist file's shape; a malformed file is an error, not an empty list. */
export function parseAllowlist(text: string): AllowlistEntry[] {
  const data = JSON.parse(text) as { advisories?: unknown }
  if (!Array.isArray(data.advisories)) throw new Error('the allowlist needs an "advisories" array')
  return data.advisories.map((e, i) => {
    const entry = e as Partial<AllowlistEntry>
    for (const key of ['id', 'package', 'reason', 'expires'] as const) {
      if (typeof entry[key] !== 'string' || !entry[key]) throw new Error(`allowlist entry ${i}: "${key}" is required`)
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(entry.expires as string))
      throw new Error(`allowlist entry ${i}: "expires" must be YYYY-MM-DD`)
    return entry as AllowlistEntry
  })
}
