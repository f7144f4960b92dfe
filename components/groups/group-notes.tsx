import { cn } from '@/components/ui/cn'

type GroupNotesProps = { notes: readonly (string | null)[]; className?: string; testId?: string }

/** What this Kafka version cannot show (e.g. no share groups on 3.9): information, never an error. */
export function GroupNotes({ notes, className, testId = 'group-notes' }: GroupNotesProps) {
  const shown = notes.filter((n): n is string => !!n)
  if (shown.length === 0) return null
  return (
    <div
      role="note"
      data-testid={testId}
      className={cn(
        'flex gap-2.5 rounded-md border border-accent/25 bg-accent-soft px-3 py-2 text-xs text-foreground',
        className,
      )}
    >
      <span
        aria-hidden="true"
        className="mt-px flex size-4 shrink-0 items-center justify-center rounded-full bg-accent text-[10px] font-bold text-accent-foreground"
      >
        i
      </span>
      <ul className="flex flex-col gap-0.5">
        {shown.map((note) => (
          <li key={note}>{note}</li>
        ))}
      </ul>
    </div>
  )
}
