'use client'

import { useSearchParams } from 'next/navigation'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { EmptyState } from '@/components/ui/empty-state'
import { ErrorState } from '@/components/ui/error-state'
import { TableSkeleton } from '@/components/ui/skeleton'
import { VirtualGridTable } from '@/components/ui/virtual-grid-table'
import { formatCount } from '@/lib/client/format'
import { useMessageScan } from '@/lib/client/message-scan'
import { useMessageTail } from '@/lib/client/message-tail'
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
import { ExportMenu } from './export-menu'
import { MessageControls } from './message-controls'
import { MessageDetail } from './message-detail'
import { MESSAGE_GRID, MESSAGE_ROW_PX, MessageHeaderRow, MessageRow } from './message-rows'
import { ScanProgressLine } from './scan-progress-line'
import { toTailRequest } from './tail-model'
import { TailStatusLine } from './tail-status-line'

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
  const tail = useMessageTail(clusterId, topic)
  const [tailOn, setTailOn] = useState(false)
  // The clicked message, so its drawer stays open after it leaves the tail's bounded buffer.
  const [clicked, setClicked] = useState<DecodedMessage | null>(null)

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

  const runTail = useCallback(
    (s: ExplorerState) => {
      const built = toTailRequest(s)
      if ('error' in built) {
        setFormError(built.error)
        return
      }
      setFormError(null)
      tail.start(built.request)
    },
    [tail.start],
  )

  const toggleTail = useCallback(() => {
    if (tailOn) {
      tail.stop()
      setTailOn(false)
      return
    }
    scan.cancel()
    setTailOn(true)
    runTail(state)
  }, [tailOn, tail.stop, scan.cancel, runTail, state])

  const rows = tailOn ? tail.messages : scan.messages
  const activeError = tailOn ? tail.error : scan.error

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
    return rows.find(match) ?? single.messages.find(match) ?? (clicked && match(clicked) ? clicked : null) ?? null
  }, [state.selected, rows, single.messages, clicked])

  const onSelect = useCallback(
    (m: DecodedMessage) => {
      setClicked(m)
      update({ selected: { partition: m.partition, offset: m.offset } })
    },
    [update],
  )
  const onClose = useCallback(() => update({ selected: null }), [update])

  const celError = useMemo(() => {
    const details = activeError?.details as { field?: string; position?: number } | undefined
    return activeError && details?.field === 'cel' ? { message: activeError.message, position: details.position } : null
  }, [activeError])

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

  const viewKey = useMemo(
    () => JSON.stringify(tailOn ? { tail: tail.request } : scan.request),
    [tailOn, tail.request, scan.request],
  )
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
        onRun={() => (tailOn ? runTail(state) : run(state))}
        running={scan.status === 'running'}
        formError={formError}
        celError={celError}
        tailOn={tailOn}
        onToggleTail={toggleTail}
      />
      {!tailOn && <ExportMenu clusterId={clusterId} topic={topic} />}
      {tailOn ? (
        <TailStatusLine
          status={tail.status}
          paused={tail.paused}
          progress={tail.progress}
          rows={tail.messages.length}
          newWhilePaused={tail.newWhilePaused}
          onPause={tail.pause}
          onResume={tail.resume}
          onRestart={() => runTail(state)}
        />
      ) : (
        <ScanProgressLine
          status={scan.status}
          progress={scan.progress}
          received={scan.messages.length}
          onCancel={scan.cancel}
          raise={raise}
        />
      )}
      {activeError && !celError && (
        <ErrorState
          title={tailOn ? 'The live tail failed' : 'The scan failed'}
          error={activeError}
          onRetry={() => (tailOn ? runTail(state) : run(state))}
        />
      )}
      {rows.length > 0 ? (
        <VirtualGridTable
          label={`Messages of ${topic}`}
          rows={rows}
          rowKey={(m) => `${m.partition}:${m.offset}`}
          rowHeight={MESSAGE_ROW_PX}
          gridVar={MESSAGE_GRID}
          className="min-w-[56rem]"
          header={<MessageHeaderRow />}
          renderRow={renderRow}
          viewKey={viewKey}
        />
      ) : tailOn ? (
        tail.status === 'connecting' ? (
          <TableSkeleton rows={8} columns={6} label="Starting the live tail" />
        ) : tail.status === 'live' ? (
          <EmptyState
            title="Waiting for new messages"
            description={
              tail.progress?.scanned
                ? `None of the ${formatCount(tail.progress.scanned)} new messages matched the filter yet.`
                : 'Messages produced from now on show up here as they arrive.'
            }
          />
        ) : tail.status === 'ended' ? (
          <EmptyState title="No new messages" description="Nothing matching arrived while the tail ran." />
        ) : null
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
