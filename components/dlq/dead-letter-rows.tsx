import { memo } from 'react'
import { Badge } from '@/components/ui/badge'
import { cn } from '@/components/ui/cn'
import type { DeadLetterRow as Row } from '@/lib/dlq/api-types'
import { statusTone } from './dlq-model'

export const DEAD_LETTER_ROW_PX = 36

const COLUMNS = [
  { label: '', width: '2.5rem' },
  { label: 'Dead letter', width: 'minmax(10rem, 1fr)' },
  { label: 'Source', width: 'minmax(12rem, 1.2fr)' },
  { label: 'Error', width: 'minmax(18rem, 3fr)' },
  { label: 'Failed at', width: '11rem' },
  { label: 'Attempts', width: '5rem' },
  { label: 'Replays', width: '5rem' },
  { label: 'Status', width: '6.5rem' },
] as const

export const DEAD_LETTER_GRID = ['--dead-letter-grid', COLUMNS.map((c) => c.width).join(' ')] as const

const ROW = 'grid grid-cols-(--dead-letter-grid) items-center'
const CELL = 'truncate px-2'

export function DeadLetterHeaderRow({
  allVisible,
  onToggleVisible,
}: {
  allVisible: boolean
  onToggleVisible: () => void
}) {
  return (
    <thead className="sticky top-0 z-10 grid border-b border-border bg-surface-muted">
      <tr aria-rowindex={1} className={ROW} style={{ height: DEAD_LETTER_ROW_PX }}>
        {COLUMNS.map((c, i) => (
          <th key={c.label || i} scope="col" className="px-2 text-left text-xs font-medium text-muted">
            {i === 0 ? (
              <input
                type="checkbox"
                aria-label="Select the loaded dead letters"
                data-testid="dead-letter-select-visible"
                checked={allVisible}
                onChange={onToggleVisible}
              />
            ) : (
              c.label
            )}
          </th>
        ))}
      </tr>
    </thead>
  )
}

export const formatIso = (iso: string) => {
  const d = new Date(iso)
  return Number.isFinite(d.getTime()) ? d.toISOString().replace('T', ' ').slice(0, 19) : iso
}

type Props = {
  row: Row
  index: number
  offset: number
  checked: boolean
  open: boolean
  onCheck: (row: Row) => void
  onOpen: (row: Row) => void
}

/** Memoised: refetches that return the same rows do not re-render them. */
export const DeadLetterRow = memo(function DeadLetterRow({
  row: r,
  index,
  offset,
  checked,
  open,
  onCheck,
  onOpen,
}: Props) {
  const source = r.source.topic
    ? `${r.source.topic}${r.source.partition === undefined ? '' : `/${r.source.partition}`}${r.source.offset === undefined ? '' : `@${r.source.offset}`}`
    : '—'
  return (
    <tr
      aria-rowindex={index + 2}
      aria-selected={open}
      data-testid={`dead-letter-row-${r.partition}-${r.offset}`}
      data-topic={r.dlqTopic}
      data-status={r.status}
      onClick={() => onOpen(r)}
      className={cn(
        ROW,
        'absolute inset-x-0 top-0 cursor-pointer border-b border-border text-xs hover:bg-surface-muted',
        open && 'bg-accent-soft',
      )}
      style={{ height: DEAD_LETTER_ROW_PX, transform: `translateY(${offset}px)` }}
    >
      <td className="px-2">
        <input
          onClick={(e) => e.stopPropagation()}
          type="checkbox"
          aria-label={`Select ${r.partition}/${r.offset}`}
          data-testid={`dead-letter-check-${r.partition}-${r.offset}`}
          checked={checked}
          onChange={() => onCheck(r)}
        />
      </td>
      <td className={cn(CELL, 'font-mono')} title={r.dlqTopic}>
        {r.partition}/{r.offset} <span className="text-muted">{r.dlqTopic}</span>
      </td>
      <td className={cn(CELL, 'font-mono')} title={source}>
        {source}
      </td>
      <td className={CELL} title={`${r.error.type ?? ''}\n${r.error.message ?? ''}`}>
        <span className="font-mono font-medium">{r.error.type ?? 'unknown'}</span>{' '}
        <span className="text-muted">{r.error.message}</span>
      </td>
      <td className={cn(CELL, 'font-mono tabular-nums')}>{formatIso(r.timestamp)}</td>
      <td className={cn(CELL, 'text-right tabular-nums')}>{r.attempts ?? '—'}</td>
      <td className={cn(CELL, 'text-right tabular-nums')}>{r.replayCount}</td>
      <td className="px-2">
        <Badge tone={statusTone(r.status)} data-testid={`dead-letter-status-${r.partition}-${r.offset}`}>
          {r.status}
        </Badge>
      </td>
    </tr>
  )
})
