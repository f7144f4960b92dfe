'use client'

import { usePathname, useRouter, useSearchParams } from 'next/navigation'
import { useCallback, useMemo, useState } from 'react'
import { DangerButton } from '@/components/groups/action-dialog'
import { Button } from '@/components/ui/button'
import { EmptyState } from '@/components/ui/empty-state'
import { ErrorState } from '@/components/ui/error-state'
import { TableSkeleton } from '@/components/ui/skeleton'
import { VirtualGridTable } from '@/components/ui/virtual-grid-table'
import { READ_ONLY_REASON, useClusterReadOnly, useDeadLetters, useDlqDashboard } from '@/lib/client/dlq'
import { HttpError } from '@/lib/client/fetch-json'
import { formatCount, pluralize } from '@/lib/client/format'
import { useCan, useCanSomewhere } from '@/lib/client/session'
import type { DeadLetterQuery, DeadLetterRow as Row } from '@/lib/dlq/api-types'
import { DeadLetterDetailPanel } from './dead-letter-detail'
import { DeadLetterFilters } from './dead-letter-filters'
import { DEAD_LETTER_GRID, DEAD_LETTER_ROW_PX, DeadLetterHeaderRow, DeadLetterRow } from './dead-letter-rows'
import { DiscardDialog } from './discard-dialog'
import { explorerQueryFromParams, explorerQueryToParams, type Picked, rowKey, selectionOf } from './dlq-model'
import { ReplayDialog, type ReplayTarget } from './replay-dialog'

type Open = { kind: 'replay' | 'discard'; targets: ReplayTarget[] } | null

/** Dead letters matching the URL's filters: pick some (or all matching), replay or discard them, open one. */
/** Whether the user may do `permission` on the DLQ topic shown (or, with no topic filter, on some topic). */
function useDlqPermission(permission: 'dlq.replay' | 'dlq.discard', clusterId: string, topic: string | undefined) {
  const onTopic = useCan(permission, { clusterId, topic: topic ?? '' })
  const somewhere = useCanSomewhere(permission, clusterId)
  return topic ? onTopic : somewhere
}

export function DeadLetterExplorer({ clusterId }: { clusterId: string }) {
  const router = useRouter()
  const pathname = usePathname()
  const searchParams = useSearchParams()
  const search = searchParams.toString()
  const query = useMemo(() => explorerQueryFromParams(new URLSearchParams(search)), [search])
  const readOnly = useClusterReadOnly(clusterId)
  // The role decides which buttons exist at all; the server checks again on every request.
  const canReplay = useDlqPermission('dlq.replay', clusterId, query.topic)
  const canDiscard = useDlqPermission('dlq.discard', clusterId, query.topic)
  const pages = useDeadLetters(clusterId, query)
  const rows = useMemo(() => pages.data?.pages.flatMap((p) => p.rows) ?? [], [pages.data])
  const first = pages.data?.pages[0]
  const [picked, setPicked] = useState<Picked>({ kind: 'rows', keys: new Set() })
  const [detail, setDetail] = useState<{ topic: string; partition: number; offset: string } | null>(null)
  const [open, setOpen] = useState<Open>(null)

  const apply = (next: DeadLetterQuery) => {
    setPicked({ kind: 'rows', keys: new Set() })
    const q = explorerQueryToParams(next).toString()
    router.replace(q ? `${pathname}?${q}` : pathname)
  }
  const onCheck = useCallback((r: Row) => {
    setPicked((p) => {
      const keys = new Set(p.kind === 'rows' ? p.keys : [])
      const k = rowKey(r)
      if (keys.has(k)) keys.delete(k)
      else keys.add(k)
      return { kind: 'rows', keys }
    })
  }, [])
  const onOpen = useCallback((r: Row) => setDetail({ topic: r.dlqTopic, partition: r.partition, offset: r.offset }), [])
  const allVisible = rows.length > 0 && (picked.kind === 'matching' || rows.every((r) => picked.keys.has(rowKey(r))))
  const toggleVisible = () =>
    setPicked(allVisible ? { kind: 'rows', keys: new Set() } : { kind: 'rows', keys: new Set(rows.map(rowKey)) })

  const dashboard = useDlqDashboard(clusterId)
  const chosen = selectionOf(
    picked,
    rows,
    query,
    dashboard.data?.topics.map((t) => t.topic),
  )
  // Only picked rows still listed count: a replayed row leaves a "pending" filter and must not stay selected unseen.
  const pickedCount =
    picked.kind === 'matching' ? (first?.totalMatching ?? 0) : rows.filter((r) => picked.keys.has(rowKey(r))).length
  const act = (kind: 'replay' | 'discard') => {
    if ('error' in chosen) return
    setOpen({ kind, targets: chosen.targets })
  }

  // A refused CEL expression is the operator's to fix: it is shown under the field, not as a page error.
  const celError =
    query.cel && pages.error instanceof HttpError && pages.error.code === 'invalid_input' ? pages.error.message : null

  let body: React.ReactNode
  if (pages.isPending) body = <TableSkeleton rows={10} columns={7} label="Loading dead letters" />
  else if (!pages.data)
    body = celError ? null : (
      <ErrorState
        title="Cannot list the dead letters"
        error={pages.error}
        onRetry={() => pages.refetch()}
        retrying={pages.isFetching}
      />
    )
  else if (rows.length === 0)
    body = (
      <EmptyState
        title="No dead letters match"
        description={
          first && !first.indexing.complete
            ? `The index is still reading the dead-letter topics (${formatCount(first.indexing.indexed)} of ${formatCount(first.indexing.total)}): more may appear.`
            : 'Change or clear the filters.'
        }
      />
    )
  else
    body = (
      <VirtualGridTable
        label="Dead letters"
        rows={rows}
        rowKey={rowKey}
        rowHeight={DEAD_LETTER_ROW_PX}
        gridVar={DEAD_LETTER_GRID}
        className="min-w-[72rem]"
        viewKey={search}
        header={<DeadLetterHeaderRow allVisible={allVisible} onToggleVisible={toggleVisible} />}
        renderRow={(r, index, offset) => (
          <DeadLetterRow
            key={rowKey(r)}
            row={r}
            index={index}
            offset={offset}
            checked={picked.kind === 'matching' || picked.keys.has(rowKey(r))}
            open={
              detail !== null &&
              detail.topic === r.dlqTopic &&
              detail.partition === r.partition &&
              detail.offset === r.offset
            }
            onCheck={onCheck}
            onOpen={onOpen}
          />
        )}
      />
    )

  return (
    <div className="flex flex-col gap-3" data-testid="dead-letter-explorer">
      <DeadLetterFilters clusterId={clusterId} query={query} onApply={apply} celError={celError} />
      <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="dead-letter-toolbar">
        <span data-testid="dead-letter-count">
          {first ? (
            <>
              {pluralize(first.totalMatching, 'dead letter')} match · {formatCount(rows.length)} loaded
            </>
          ) : (
            '…'
          )}
        </span>
        {first && first.totalMatching > rows.length && picked.kind === 'rows' && (
          <Button
            size="sm"
            variant="ghost"
            data-testid="dead-letter-select-matching"
            onClick={() => setPicked({ kind: 'matching' })}
          >
            Select all {formatCount(first.totalMatching)} matching
          </Button>
        )}
        {pickedCount > 0 && (
          <span className="text-muted" data-testid="dead-letter-selected">
            {picked.kind === 'matching'
              ? `all ${formatCount(pickedCount)} matching`
              : `${formatCount(pickedCount)} selected`}
            {'targets' in chosen && chosen.targets.length > 1 && ` in ${chosen.targets.length} DLQ topics (a job each)`}
          </span>
        )}
        <span className="flex-1" />
        {pickedCount > 0 && 'error' in chosen && <span className="text-xs text-warning">{chosen.error}</span>}
        {canReplay && (
          <Button
            size="sm"
            variant="primary"
            data-testid="dead-letter-replay"
            disabled={readOnly || pickedCount === 0 || 'error' in chosen}
            title={readOnly ? READ_ONLY_REASON : undefined}
            onClick={() => act('replay')}
          >
            Replay…
          </Button>
        )}
        {canDiscard && (
          <DangerButton
            size="sm"
            data-testid="dead-letter-discard"
            disabled={readOnly || pickedCount === 0 || 'error' in chosen}
            title={readOnly ? READ_ONLY_REASON : undefined}
            onClick={() => act('discard')}
          >
            Discard…
          </DangerButton>
        )}
      </div>
      {body}
      {pages.hasNextPage && (
        <Button
          className="self-center"
          data-testid="dead-letter-more"
          disabled={pages.isFetchingNextPage}
          onClick={() => pages.fetchNextPage()}
        >
          {pages.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </Button>
      )}
      {detail && (
        <DeadLetterDetailPanel
          clusterId={clusterId}
          at={detail}
          readOnly={readOnly}
          canReplay={canReplay}
          canDiscard={canDiscard}
          onClose={() => setDetail(null)}
          onReplay={(target) => setOpen({ kind: 'replay', targets: [target] })}
          onDiscard={(target) => setOpen({ kind: 'discard', targets: [target] })}
        />
      )}
      {open?.kind === 'replay' && (
        <ReplayDialog clusterId={clusterId} targets={open.targets} readOnly={readOnly} onClose={() => setOpen(null)} />
      )}
      {open?.kind === 'discard' && (
        <DiscardDialog clusterId={clusterId} targets={open.targets} readOnly={readOnly} onClose={() => setOpen(null)} />
      )}
    </div>
  )
}
