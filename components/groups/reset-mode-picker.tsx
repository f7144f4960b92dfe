import { MODE_LABELS, type ModeForm, type ModeKind } from './reset-offsets-model'

const FIELD = 'h-8 rounded-md border border-border-strong bg-surface px-2.5 text-sm'

type ResetModePickerProps = { form: ModeForm; onChange: (patch: Partial<ModeForm>) => void; error: string | null }

/** Where to move the offsets, and the value that mode needs. */
export function ResetModePicker({ form, onChange, error }: ResetModePickerProps) {
  return (
    <div className="flex flex-col gap-1.5">
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Reset to</span>
          <select
            data-testid="reset-mode"
            value={form.kind}
            onChange={(e) => onChange({ kind: e.target.value as ModeKind })}
            className={`${FIELD} cursor-pointer`}
          >
            {(Object.keys(MODE_LABELS) as ModeKind[]).map((kind) => (
              <option key={kind} value={kind}>
                {MODE_LABELS[kind]}
              </option>
            ))}
          </select>
        </label>
        {form.kind === 'timestamp' && (
          <label className="flex flex-col gap-1 text-sm">
            <span className="font-medium">Date and time (your time zone)</span>
            <input
              type="datetime-local"
              step={1}
              data-testid="reset-timestamp"
              value={form.datetime}
              onChange={(e) => onChange({ datetime: e.target.value })}
              className={FIELD}
            />
          </label>
        )}
        {form.kind === 'offset' && (
          <label className="flex flex-col gap-1 text-sm">
            <span className="font-medium">Offset</span>
            <input
              inputMode="numeric"
              data-testid="reset-offset"
              value={form.offset}
              onChange={(e) => onChange({ offset: e.target.value })}
              className={`${FIELD} w-48 font-mono`}
            />
          </label>
        )}
        {form.kind === 'shift' && (
          <label className="flex flex-col gap-1 text-sm">
            <span className="font-medium">Shift by (− back, + forward)</span>
            <input
              data-testid="reset-shift"
              value={form.shift}
              onChange={(e) => onChange({ shift: e.target.value })}
              className={`${FIELD} w-48 font-mono`}
            />
          </label>
        )}
      </div>
      <p className="text-xs text-muted">{HINTS[form.kind]}</p>
      {error && (
        <p role="alert" className="text-xs text-danger">
          {error}
        </p>
      )}
    </div>
  )
}

// Kafka's rules, so the preview's clamped rows are no surprise.
const HINTS: Record<ModeKind, string> = {
  earliest: 'The oldest record still in each partition: the group reads everything again.',
  latest: 'The end of each partition: the group skips everything not yet read.',
  timestamp: 'The first record at or after this time; partitions with no record that recent go to their end.',
  offset: 'Offsets outside a partition’s log are moved to its start or end.',
  shift:
    'From the committed offset; results outside the log are moved to its start or end. Partitions without a commit are skipped.',
}
