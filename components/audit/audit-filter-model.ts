// Pure: the filter form's text fields ↔ AuditFilters (what the API takes).
import type { AuditFilters } from '@/lib/audit/audit-query'

/** The form as typed: every field a string ('' = no filter); times are datetime-local values (the browser's zone). */
export type AuditFilterForm = {
  from: string
  to: string
  actor: string
  action: string
  topic: string
  group: string
  result: '' | 'ok' | 'error'
  q: string
}

export const EMPTY_AUDIT_FORM: AuditFilterForm = {
  from: '',
  to: '',
  actor: '',
  action: '',
  topic: '',
  group: '',
  result: '',
  q: '',
}

/** The actions Ferry records today (a datalist: other features' actions can still be typed). */
export const KNOWN_ACTIONS = [
  'topic.',
  'topic.create',
  'topic.delete',
  'topic.alter-configs',
  'topic.purge',
  'topic.produce',
  'group.',
  'group.reset-offsets',
  'group.delete',
  'group.delete-offsets',
  'dlq.',
  'dlq.replay',
  'dlq.replay-cancel',
  'dlq.discard',
] as const

/** A datetime-local value ("2026-01-31T12:00") → ISO in UTC; '' or unparsable → undefined. */
export function localToIso(value: string): string | undefined {
  if (!value) return undefined
  const ms = new Date(value).getTime()
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined
}

export function formToFilters(form: AuditFilterForm): AuditFilters {
  const text = (s: string) => (s.trim() ? s.trim() : undefined)
  const filters: AuditFilters = {
    from: localToIso(form.from),
    to: localToIso(form.to),
    actor: text(form.actor),
    action: text(form.action),
    topic: text(form.topic),
    group: text(form.group),
    result: form.result || undefined,
    q: text(form.q),
  }
  // Absent keys, not undefined ones: the filters are part of the query key.
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as AuditFilters
}

export function countFilters(filters: AuditFilters): number {
  return Object.values(filters).filter((v) => v !== undefined).length
}
