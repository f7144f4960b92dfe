'use client'

import { useMemo, useState } from 'react'
import { Button } from '@/components/ui/button'
import { EmptyState } from '@/components/ui/empty-state'
import { ErrorState } from '@/components/ui/error-state'
import { AlertIcon } from '@/components/ui/icons'
import { TableSkeleton } from '@/components/ui/skeleton'
import { VirtualGridTable } from '@/components/ui/virtual-grid-table'
import type { AuditFilters as Filters } from '@/lib/audit/audit-query'
import type { AuditEntry } from '@/lib/audit/types'
import { auditExportUrl, useAuditEntries } from '@/lib/client/audit'
import { formatCount } from '@/lib/client/format'
import { AuditEntryDetail } from './audit-entry-detail'
import { countFilters, formToFilters } from './audit-filter-model'
import { AuditFilters } from './audit-filters'
import { AUDIT_GRID, AUDIT_ROW_HEIGHT_PX, AuditHeaderRow, AuditRowView } from './audit-rows'

// Looks like a small secondary Button; a link so the browser downloads the file itself.
const LINK_BUTTON =
  'inline-flex h-7 items-center rounded-md border border-border-strong bg-surface px-2.5 text-xs font-medium hover:bg-surface-muted'

/** The cluster's audit trail: filters, export, a virtualized table newest first, and one entry's params. */
export function AuditView({ clusterId }: { clusterId: string }) {
  const [filters, setFilters] = useState<Filters>({})
  const [selected, setSelected] = useState<AuditEntry | null>(null)
  const query = useAuditEntries(clusterId, filters)
  const pages = query.data?.pages
  const entries = useMemo(() => pages?.flatMap((p) => p.entries) ?? [], [pages])
  const first = pages?.[0]
  const filtered = countFilters(filters) > 0

  return (
    <div>
      <AuditFilters
        onApply={(form) => {
          setFilters(formToFilters(form))
          setSelected(null)
        }}
      />
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-muted" data-testid="audit-count">
          {first
            ? `${formatCount(first.matched)} ${filtered ? 'matching ' : ''}entr${first.matched === 1 ? 'y' : 'ies'}` +
              ` · ${formatCount(entries.length)} shown · topic ${first.topic}`
            : '\u00a0'}
        </p>
        <div className="flex gap-2">
          <a
            href={auditExportUrl(clusterId, filters, 'csv')}
            download
            className={LINK_BUTTON}
            data-testid="audit-export-csv"
          >
            Export CSV
          </a>
          <a
            href={auditExportUrl(clusterId, filters, 'jsonl')}
            download
            className={LINK_BUTTON}
            data-testid="audit-export-jsonl"
          >
            Export JSON Lines
          </a>
        </div>
      </div>
      {first?.truncated && (
        <p className="mb-3 flex items-center gap-2 text-xs text-warning">
          <AlertIcon className="size-3.5" />
          Only the newest {formatCount(first.scanned)} records of the audit topic were searched.
        </p>
      )}
      <AuditBody
        clusterId={clusterId}
        query={query}
        entries={entries}
        filtered={filtered}
        selected={selected}
        onSelect={setSelected}
        viewKey={JSON.stringify(filters)}
      />
      {selected && <AuditEntryDetail clusterId={clusterId} entry={selected} onClose={() => setSelected(null)} />}
    </div>
  )
}

type AuditBodyProps = {
  clusterId: string
  query: ReturnType<typeof useAuditEntries>
  entries: AuditEntry[]
  filtered: boolean
  selected: AuditEntry | null
  onSelect: (entry: AuditEntry) => void
  viewKey: string
}

function AuditBody({ clusterId, query, entries, filtered, selected, onSelect, viewKey }: AuditBodyProps) {
  if (query.isPending) return <TableSkeleton columns={6} label="Loading the audit trail…" />
  if (query.error && !query.data)
    return (
      <ErrorState
        title="The audit trail could not be read"
        error={query.error}
        onRetry={() => void query.refetch()}
        retrying={query.isFetching}
      />
    )
  const status = query.data?.pages[0]?.status
  if (status?.state === 'unavailable')
    return (
      <ErrorState title="The audit trail is not available" error={status.reason}>
        <p className="text-sm text-muted">
          Actions are still carried out, but neither recorded nor shown here until Ferry&apos;s principal may create and
          read this topic.
        </p>
      </ErrorState>
    )
  if (status?.state === 'missing')
    return (
      <EmptyState
        title="Nothing audited yet"
        description="The audit topic is created with the first audited action (a topic change, an offset reset, a produced message…)."
      />
    )
  if (entries.length === 0)
    return (
      <EmptyState
        title={filtered ? 'No entries match these filters' : 'No audit entries'}
        description={filtered ? 'Widen the time range or clear a filter.' : 'Entries older than 90 days are removed.'}
      />
    )
  return (
    <>
      <VirtualGridTable
        label="Audit entries"
        rows={entries}
        rowKey={(e) => e.id}
        rowHeight={AUDIT_ROW_HEIGHT_PX}
        gridVar={['--audit-grid', AUDIT_GRID]}
        className="min-w-[64rem]"
        header={<AuditHeaderRow />}
        renderRow={(entry, index, offset) => (
          <AuditRowView
            key={entry.id}
            clusterId={clusterId}
            entry={entry}
            index={index}
            offset={offset}
            selected={selected?.id === entry.id}
            onSelect={onSelect}
          />
        )}
        viewKey={viewKey}
      />
      {query.error && (
        <ErrorState
          className="mt-3"
          title="Refreshing failed"
          error={query.error}
          onRetry={() => void query.refetch()}
        />
      )}
      {query.hasNextPage && (
        <div className="mt-3 flex justify-center">
          <Button
            size="sm"
            onClick={() => void query.fetchNextPage()}
            disabled={query.isFetchingNextPage}
            data-testid="audit-load-more"
          >
            {query.isFetchingNextPage ? 'Loading…' : 'Load older entries'}
          </Button>
        </div>
      )}
    </>
  )
}
