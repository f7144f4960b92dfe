'use client'

import { useSearchParams } from 'next/navigation'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { EmptyState } from '@/components/ui/empty-state'
import { ErrorState } from '@/components/ui/error-state'
import { TableSkeleton } from '@/components/ui/skeleton'
import { VirtualGridTable } from '@/components/ui/virtual-grid-table'
import { formatCount } from '@/lib/client/format'
import { useMessageScan } from '@/lib/client/message-scan'
import type { DecodedMessage } from '@/lib/messages/types'
import { SCAN_BOUNDS } from '@/lib/messages/types'
import {
  type ExplorerState,
  explorerStateFromQuery,
  explorerStateToQuery,
  raisedBound,
  singleMessageRequest,
  toScanRequest,
} from './explorer-model'
import { MessageControls } from './message-controls'
import { MessageDetail } from './message-detail'
import { MESSAGE_GRID, MESSAGE_ROW_PX, MessageHeaderRow, MessageRow } from './message-rows'
import { ScanProgressLine } from './scan-progress-line'

type Props = { clusterId: string; topic: string }

/**
 * Browse a topic's messages: a bounded scan streamed from the server, filtered by CEL or text, in a virtualized
 * table with a detail drawer. Every control lives in the URL, so a view (and an open message) can be shared.
 */
export function MessageExplorer({ clusterId, topic }: Props) {
  const searchParams = useSearchParams()
  const [state, setState] = useState<ExplorerState>(() =>
    explorerStateFromQuery(new URLSearchParams(searchParams.toString())),
  )
  const [formError, setFormError] = useState<string | null>(null)
  const scan = useMessageScan(clusterId, topic)
  const single = useMessageScan(clusterId, topic)

  // The URL mirrors the state without a navigation per keystroke (as the topics table does).
  useEffect(() => {
    const query = explorerStateToQuery(state, new URLSearchParams(window.location.search)).toString()
    if (query !== window.location.search.replace(/^\?/, '')) {
      window.history.replaceState(null, '', `${window.location.pathname}${query ? `?${query}` : ''}`)
    }
  }, [state])

  const update = useCallback((patch: Partial<ExplorerState>) => setState((s) => ({ ...s, ...patch })), [])

  const run = useCallback(
    (s: ExplorerState) => {
      const built = toScanRequest(s)
      if ('error' in built) {
        setFormError(built.error)
        return
      }
      setFormError(null)
      scan.start(built.request)
    },
    [scan.start],
  )

  // On mount: run the scan the URL describes, and reopen a permalinked message by reading exactly it. Re-run after
  // React's development remount too (the scan hooks close their streams on unmount).
  const initial = useRef(state)
  useEffect(() => {
    const first = initial.current
    run(first)
    if (first.selected) single.start(singleMessageRequest(first, first.selected.partition, first.selected.offset))
  }, [run, single.start])

  const selectedKey = state.selected ? `${state.selected.partition}:${state.selected.offset}` : null
  const selected = useMemo(() => {
    if (!state.selected) return null
    const { partition, offset } = state.selected
    const match = (m: DecodedMessage) => m.partition === partition && m.offset === offset
    return scan.messages.find(match) ?? single.messages.find(match) ?? null
  }, [state.selected, scan.messages, single.messages])

  const onSelect = useCallback(
    (m: DecodedMessage) => update({ selected: { partition: m.partition, offset: m.offset } }),
    [update],
  )
  const onClose = useCallback(() => update({ selected: null }), [update])

  const celError = useMemo(() => {
    const details = scan.error?.details as { field?: string; position?: number } | undefined
    return scan.error && details?.field === 'cel' ? { message: scan.error.message, position: details.position } : null
  }, [scan.error])

  const raise = useMemo(() => {
    const reason = scan.progress?.stopReason
    if (reason === 'maxScan' && state.maxScan < SCAN_BOUNDS.maxScan) {
      const maxScan = raisedBound(state.maxScan, SCAN_BOUNDS.maxScan)
      return {
        label: `Scan up to ${formatCount(maxScan)} messages`,
        onClick: () => {
          const next = { ...state, maxScan }
          setState(next)
          run(next)
        },
      }
    }
    if (reason === 'limit' && state.limit < SCAN_BOUNDS.limit) {
      const limit = raisedBound(state.limit, SCAN_BOUNDS.limit)
      return {
        label: `Show up to ${formatCount(limit)}`,
        onClick: () => {
          const next = { ...state, limit }
          setState(next)
          run(next)
        },
      }
    }
    return null
  }, [scan.progress?.stopReason, state, run])

  const permalink = useMemo(() => {
    if (!state.selected || typeof window === 'undefined') return ''
    const q = new URLSearchParams({
      tab: 'messages',
      partition: String(state.selected.partition),
      offset: state.selected.offset,
    })
    return `${window.location.origin}${window.location.pathname}?${q}`
  }, [state.selected])

  const viewKey = useMemo(() => JSON.stringify(scan.request), [scan.request])
  const renderRow = useCallback(
    (m: DecodedMessage, index: number, offset: number) => (
      <MessageRow
        key={`${m.partition}:${m.offset}`}
        message={m}
        index={index}
        offset={offset}
        selected={selectedKey === `${m.partition}:${m.offset}`}
        onSelect={onSelect}
      />
    ),
    [selectedKey, onSelect],
  )

  return (
    <div className="flex flex-col gap-3">
      <MessageControls
        state={state}
        onChange={update}
        onRun={() => run(state)}
        running={scan.status === 'running'}
        formError={formError}
        celError={celError}
      />
      <ScanProgressLine
        status={scan.status}
        progress={scan.progress}
        received={scan.messages.length}
        onCancel={scan.cancel}
        raise={raise}
      />
      {scan.error && !celError && <ErrorState title="The scan failed" error={scan.error} onRetry={() => run(state)} />}
      {scan.messages.length > 0 ? (
        <VirtualGridTable
          label={`Messages of ${topic}`}
          rows={scan.messages}
          rowKey={(m) => `${m.partition}:${m.offset}`}
          rowHeight={MESSAGE_ROW_PX}
          gridVar={MESSAGE_GRID}
          className="min-w-[56rem]"
          header={<MessageHeaderRow />}
          renderRow={renderRow}
          viewKey={viewKey}
        />
      ) : scan.status === 'running' ? (
        <TableSkeleton rows={8} columns={6} label="Scanning messages" />
      ) : scan.status === 'done' ? (
        <EmptyState
          title="No messages"
          description={
            scan.progress?.scanned
              ? `None of the ${formatCount(scan.progress.scanned)} messages scanned matched the filter.`
              : 'There is nothing to read from this start point in the chosen partitions.'
          }
        />
      ) : null}
      {state.selected && selected && <MessageDetail message={selected} permalink={permalink} onClose={onClose} />}
      {state.selected && !selected && single.status === 'done' && scan.status !== 'running' && (
        <p className="text-xs text-muted">
          Message {state.selected.partition}/{state.selected.offset} is not in the topic (deleted by retention or
          compaction?).
        </p>
      )}
    </div>
  )
}
