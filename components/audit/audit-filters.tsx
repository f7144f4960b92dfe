'use client'

import { type FormEvent, useState } from 'react'
import { Button } from '@/components/ui/button'
import { type AuditFilterForm, EMPTY_AUDIT_FORM, KNOWN_ACTIONS } from './audit-filter-model'

type AuditFiltersProps = { onApply: (form: AuditFilterForm) => void }

const INPUT =
  'h-8 w-full rounded-md border border-border-strong bg-surface px-2 text-sm placeholder:text-muted focus:border-accent focus:outline-none'

/** The filter form; applied on submit so typing does not re-read the audit topic on every key. */
export function AuditFilters({ onApply }: AuditFiltersProps) {
  const [form, setForm] = useState<AuditFilterForm>(EMPTY_AUDIT_FORM)
  const set = (key: keyof AuditFilterForm) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }))
  const submit = (e: FormEvent) => {
    e.preventDefault()
    onApply(form)
  }
  return (
    <form
      onSubmit={submit}
      aria-label="Audit filters"
      className="mb-4 grid grid-cols-2 gap-2 rounded-lg border border-border bg-surface p-3 md:grid-cols-4 xl:grid-cols-8"
    >
      <Field label="From">
        <input type="datetime-local" className={INPUT} value={form.from} onChange={set('from')} />
      </Field>
      <Field label="To">
        <input type="datetime-local" className={INPUT} value={form.to} onChange={set('to')} />
      </Field>
      <Field label="Actor">
        <input className={INPUT} value={form.actor} onChange={set('actor')} placeholder="anyone" />
      </Field>
      <Field label="Action">
        <input
          className={INPUT}
          list="audit-actions"
          value={form.action}
          onChange={set('action')}
          placeholder="any, or topic."
        />
        <datalist id="audit-actions">
          {KNOWN_ACTIONS.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
      </Field>
      <Field label="Topic">
        <input className={INPUT} value={form.topic} onChange={set('topic')} placeholder="any" />
      </Field>
      <Field label="Group">
        <input className={INPUT} value={form.group} onChange={set('group')} placeholder="any" />
      </Field>
      <Field label="Result">
        <select className={INPUT} value={form.result} onChange={set('result')}>
          <option value="">any</option>
          <option value="ok">ok</option>
          <option value="error">error</option>
        </select>
      </Field>
      <Field label="Text">
        <input
          type="search"
          className={INPUT}
          value={form.q}
          onChange={set('q')}
          placeholder="summary, params…"
          data-testid="audit-search"
        />
      </Field>
      <div className="col-span-full flex justify-end gap-2">
        <Button
          size="sm"
          variant="ghost"
          onClick={() => {
            setForm(EMPTY_AUDIT_FORM)
            onApply(EMPTY_AUDIT_FORM)
          }}
        >
          Clear
        </Button>
        <Button size="sm" variant="primary" type="submit" data-testid="audit-apply">
          Apply filters
        </Button>
      </div>
    </form>
  )
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the child
    <label className="flex min-w-0 flex-col gap-1 text-xs font-medium text-muted">
      {label}
      {children}
    </label>
  )
}
