import Link from 'next/link'
import { memo } from 'react'
import { Badge } from '@/components/ui/badge'
import { cn } from '@/components/ui/cn'
import type { AuditEntry } from '@/lib/audit/types'
import { clusterHref, topicHref } from '@/lib/nav'

/** Fixed row height: the virtualizer never measures. */
export const AUDIT_ROW_HEIGHT_PX = 36

const COLUMNS = [
  { label: 'Time', width: '11.5rem' },
  { label: 'Actor', width: '9rem' },
  { label: 'Action', width: '11rem' },
  { label: 'Target', width: 'minmax(12rem, 1fr)' },
  { label: 'Summary', width: 'minmax(16rem, 2fr)' },
  { label: 'Result', width: '5.5rem' },
] as const

export const AUDIT_GRID = COLUMNS.map((c) => c.width).join(' ')

const ROW = 'grid grid-cols-(--audit-grid) items-center'
const CELL = 'truncate px-3'

export function AuditHeaderRow() {
  return (
    <thead className="sticky top-0 z-10 grid bg-surface-muted">
      <tr className={cn(ROW, 'border-b border-border')} style={{ height: AUDIT_ROW_HEIGHT_PX }}>
        {COLUMNS.map((c) => (
          <th key={c.label} scope="col" className="px-3 text-left text-xs font-medium text-muted">
            {c.label}
          </th>
        ))}
      </tr>
    </thead>
  )
}

/** "2026-01-31 12:00:05" in the browser's zone (the full instant is in the title). */
export function formatAuditTime(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}

export function ResultBadge({ entry }: { entry: AuditEntry }) {
  return entry.result === 'ok' ? (
    <Badge tone="success">ok</Badge>
  ) : (
    <Badge tone="danger" title={entry.error}>
      error
    </Badge>
  )
}

export function AuditTarget({ clusterId, entry }: { clusterId: string; entry: AuditEntry }) {
  const { topic, group } = entry.target ?? {}
  return (
    <span className="flex min-w-0 items-center gap-2">
      {group && (
        <Link
          href={`${clusterHref(clusterId, 'groups')}/${encodeURIComponent(group)}`}
          className="truncate text-accent hover:underline"
          title={`group ${group}`}
          onClick={(e) => e.stopPropagation()}
        >
          {group}
        </Link>
      )}
      {topic && (
        <Link
          href={topicHref(clusterId, topic)}
          className="truncate text-accent hover:underline"
          title={`topic ${topic}`}
          onClick={(e) => e.stopPropagation()}
        >
          {topic}
        </Link>
      )}
      {!topic && !group && <span className="text-muted">—</span>}
    </span>
  )
}

type AuditRowViewProps = {
  clusterId: string
  entry: AuditEntry
  index: number
  offset: number
  selected: boolean
  onSelect: (entry: AuditEntry) => void
}

/** One entry; clicking it opens its params below the table. */
export const AuditRowView = memo(function AuditRowView({
  clusterId,
  entry,
  index,
  offset,
  selected,
  onSelect,
}: AuditRowViewProps) {
  return (
    <tr
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-testid="audit-row"
      tabIndex={0}
      onClick={() => onSelect(entry)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault()
          onSelect(entry)
        }
      }}
      className={cn(
        ROW,
        'absolute inset-x-0 top-0 cursor-pointer border-b border-border text-sm hover:bg-surface-muted',
        selected && 'bg-accent-soft',
      )}
      style={{ height: AUDIT_ROW_HEIGHT_PX, transform: `translateY(${offset}px)` }}
    >
      <td className={cn(CELL, 'font-mono text-xs tabular-nums')} title={entry.at}>
        {formatAuditTime(entry.at)}
      </td>
      <td className={CELL} title={entry.actor}>
        {entry.actor}
      </td>
      <td className={cn(CELL, 'font-mono text-xs')} title={entry.action}>
        {entry.action}
      </td>
      <td className={CELL}>
        <AuditTarget clusterId={clusterId} entry={entry} />
      </td>
      <td className={CELL} title={entry.summary}>
        {entry.summary}
      </td>
      <td className={CELL}>
        <ResultBadge entry={entry} />
      </td>
    </tr>
  )
})
