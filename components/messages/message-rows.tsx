import { memo } from 'react'
import { Badge } from '@/components/ui/badge'
import { cn } from '@/components/ui/cn'
import { formatBytes } from '@/lib/client/format'
import type { Decoded, DecodedMessage } from '@/lib/messages/types'

export const MESSAGE_ROW_PX = 32

const COLUMNS = [
  { label: 'Partition', width: '5.5rem', numeric: true },
  { label: 'Offset', width: '7.5rem', numeric: true },
  { label: 'Timestamp', width: '12.5rem', numeric: false },
  { label: 'Key', width: 'minmax(8rem, 1fr)', numeric: false },
  { label: 'Value', width: 'minmax(16rem, 3fr)', numeric: false },
  { label: 'Size', width: '6rem', numeric: true },
] as const

export const MESSAGE_GRID = ['--message-grid', COLUMNS.map((c) => c.width).join(' ')] as const

const ROW = 'grid grid-cols-(--message-grid) items-center'
const CELL = 'truncate px-3'

export function MessageHeaderRow() {
  return (
    <thead className="sticky top-0 z-10 grid border-b border-border bg-surface-muted">
      <tr aria-rowindex={1} className={ROW} style={{ height: MESSAGE_ROW_PX }}>
        {COLUMNS.map((c) => (
          <th
            key={c.label}
            scope="col"
            className={cn('px-3 text-xs font-medium text-muted', c.numeric ? 'text-right' : 'text-left')}
          >
            {c.label}
          </th>
        ))}
      </tr>
    </thead>
  )
}

/** A short one-line preview: long values are cut here so the DOM never holds megabytes per row. */
export function preview(d: Decoded, max = 300): string {
  if (d.format === 'null') return 'null'
  const text = d.text ?? d.base64
  return text.length > max ? `${text.slice(0, max)}…` : text
}

export function formatTimestamp(ms: number): string {
  const d = new Date(ms)
  return Number.isFinite(d.getTime()) ? d.toISOString().replace('T', ' ').replace('Z', '') : String(ms)
}

function FormatBadge({ d }: { d: Decoded }) {
  if (d.format === 'text' || d.format === 'json') return null
  return (
    <Badge tone={d.error ? 'warning' : 'neutral'} title={d.error}>
      {d.format === 'confluent' ? `schema ${d.schemaId}` : d.format}
    </Badge>
  )
}

type MessageRowProps = {
  message: DecodedMessage
  index: number
  offset: number
  selected: boolean
  onSelect: (m: DecodedMessage) => void
}

/** Memoised: rows already on screen are not re-rendered when more messages arrive. */
export const MessageRow = memo(function MessageRow({ message: m, index, offset, selected, onSelect }: MessageRowProps) {
  return (
    <tr
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-testid={`message-row-${m.partition}-${m.offset}`}
      onClick={() => onSelect(m)}
      className={cn(
        ROW,
        'absolute inset-x-0 top-0 cursor-pointer border-b border-border font-mono text-xs tabular-nums hover:bg-surface-muted',
        selected && 'bg-accent-soft',
      )}
      style={{ height: MESSAGE_ROW_PX, transform: `translateY(${offset}px)` }}
    >
      <td className={cn(CELL, 'text-right')}>{m.partition}</td>
      <td className={cn(CELL, 'text-right')}>
        <button
          type="button"
          className="cursor-pointer hover:underline"
          onClick={(e) => {
            e.stopPropagation()
            onSelect(m)
          }}
        >
          {m.offset}
        </button>
      </td>
      <td className={CELL}>{formatTimestamp(m.timestamp)}</td>
      <td className={cn(CELL, 'flex min-w-0 items-center gap-1.5')}>
        <FormatBadge d={m.key} />
        <span className={cn('truncate', m.key.format === 'null' && 'text-muted')}>{preview(m.key, 120)}</span>
      </td>
      <td className={cn(CELL, 'flex min-w-0 items-center gap-1.5')}>
        <FormatBadge d={m.value} />
        <span className={cn('truncate', m.value.format === 'null' && 'text-muted')}>{preview(m.value)}</span>
      </td>
      <td className={cn(CELL, 'text-right text-muted')}>{formatBytes(m.sizeBytes)}</td>
    </tr>
  )
})
