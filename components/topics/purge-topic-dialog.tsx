'use client'

import { useEffect, useState } from 'react'
import { ActionDialog, AuditNote, ConfirmByTyping, DangerButton, DialogNotice } from '@/components/groups/action-dialog'
import { Button } from '@/components/ui/button'
import { cn } from '@/components/ui/cn'
import { ErrorState } from '@/components/ui/error-state'
import { TableSkeleton } from '@/components/ui/skeleton'
import { formatCount, pluralize } from '@/lib/client/format'
import { usePlanPurge, usePurgeTopic } from '@/lib/client/topic-actions'
import type { PurgePartitionPlan, PurgeTopicRequest } from '@/lib/topics/actions/types'

type PurgeTopicDialogProps = { clusterId: string; topic: string; onClose: () => void }

const TH = 'px-2.5 py-1.5 text-xs font-medium text-muted'
const TD = 'px-2.5 py-1'

/**
 * Purges records from the start of partitions (DeleteRecords): everything, or the records before an offset. The
 * preview shows low/high watermarks per partition and how many records go; the operator picks partitions, types the
 * topic name, and the server plans again before deleting.
 */
export function PurgeTopicDialog({ clusterId, topic, onClose }: PurgeTopicDialogProps) {
  const [mode, setMode] = useState<'all' | 'before'>('all')
  const [offset, setOffset] = useState('')
  const [excluded, setExcluded] = useState<ReadonlySet<number>>(new Set())
  const [typed, setTyped] = useState('')
  const plan = usePlanPurge(clusterId, topic)
  const purge = usePurgeTopic(clusterId, topic)
  const { mutate: replan } = plan
  const offsetOk = /^\d{1,19}$/.test(offset)
  const beforeOffset = mode === 'all' ? 'high-watermark' : offset
  // Re-plan (all partitions) whenever the bound changes; the selection only filters the rows.
  useEffect(() => {
    if (mode === 'all' || offsetOk) replan({ beforeOffset })
  }, [replan, mode, offsetOk, beforeOffset])
  const rows = plan.data?.rows ?? []
  const chosen = rows.filter((r) => !excluded.has(r.partition))
  const total = chosen.reduce((sum, r) => sum + BigInt(r.deleted), 0n)
  const request: PurgeTopicRequest = {
    beforeOffset,
    ...(excluded.size > 0 ? { partitions: chosen.map((r) => r.partition) } : {}),
  }
  const done = purge.data
  const toggle = (p: number) =>
    setExcluded((prev) => {
      const next = new Set(prev)
      if (next.has(p)) next.delete(p)
      else next.add(p)
      return next
    })
  return (
    <ActionDialog
      title="Purge records"
      description={
        <>
          Deletes records from the start of partitions of <span className="font-mono">{topic}</span>. Consumers behind
          the new start jump to it. This cannot be undone.
        </>
      }
      onClose={onClose}
      testId="purge-topic-dialog"
      footer={
        done ? (
          <Button variant="primary" onClick={onClose}>
            Close
          </Button>
        ) : (
          <>
            <Button onClick={onClose}>Cancel</Button>
            <DangerButton
              data-testid="topic-purge-confirm"
              disabled={
                !plan.data ||
                plan.isPending ||
                !!plan.data.refusedReason ||
                chosen.length === 0 ||
                total === 0n ||
                typed !== topic ||
                purge.isPending
              }
              onClick={() => purge.mutate(request)}
            >
              {purge.isPending ? 'Purging…' : `Purge ${formatCount(total.toString())} records`}
            </DangerButton>
          </>
        )
      }
    >
      {done ? (
        <div data-testid="topic-action-result" className="flex flex-col gap-2">
          <DialogNotice tone="success">
            Purged {formatCount(done.totalDeleted)} records from {pluralize(done.rows.length, 'partition')}.
          </DialogNotice>
          <PurgeTable rows={done.rows} lowAfter={new Map(done.rows.map((r) => [r.partition, r.lowAfter]))} />
          <AuditNote audit={done.audit} />
        </div>
      ) : (
        <div className="flex flex-col gap-3">
          <fieldset className="flex flex-wrap items-center gap-4 text-sm">
            <legend className="sr-only">What to purge</legend>
            <label className="flex cursor-pointer items-center gap-1.5">
              <input
                type="radio"
                data-testid="topic-purge-mode-all"
                checked={mode === 'all'}
                onChange={() => setMode('all')}
              />
              Every record (up to the high watermark)
            </label>
            <label className="flex cursor-pointer items-center gap-1.5">
              <input
                type="radio"
                data-testid="topic-purge-mode-before"
                checked={mode === 'before'}
                onChange={() => setMode('before')}
              />
              Records before offset
            </label>
            {mode === 'before' && (
              <input
                data-testid="topic-purge-offset"
                aria-label="Offset"
                inputMode="numeric"
                value={offset}
                onChange={(e) => setOffset(e.target.value.trim())}
                placeholder="1000"
                className="h-8 w-32 rounded-md border border-border-strong bg-surface px-2.5 font-mono text-sm"
              />
            )}
          </fieldset>
          {mode === 'before' && offset !== '' && !offsetOk && (
            <DialogNotice tone="warning">An offset is a whole number from 0.</DialogNotice>
          )}
          {plan.isPending && !plan.data && <TableSkeleton rows={3} columns={5} label="Reading watermarks…" />}
          {plan.error && (
            <ErrorState
              title="Ferry could not plan the purge"
              error={plan.error}
              onRetry={() => replan({ beforeOffset })}
            />
          )}
          {plan.data?.refusedReason && (
            <DialogNotice tone="danger" testId="topic-action-refused">
              {plan.data.refusedReason}
            </DialogNotice>
          )}
          {plan.data && !plan.data.refusedReason && (
            <>
              <PurgeTable rows={rows} excluded={excluded} onToggle={toggle} />
              <p className="text-sm" data-testid="topic-purge-total">
                {formatCount(total.toString())} records go from {pluralize(chosen.length, 'partition')}.
              </p>
              <ConfirmByTyping
                expected={topic}
                value={typed}
                onChange={setTyped}
                what="topic name"
                testId="action-confirm-input"
              />
            </>
          )}
          {purge.error && <ErrorState title="No records were purged" error={purge.error} />}
        </div>
      )}
    </ActionDialog>
  )
}

type PurgeTableProps = {
  rows: readonly PurgePartitionPlan[]
  excluded?: ReadonlySet<number>
  onToggle?: (partition: number) => void
  /** After a purge: the log start offsets Kafka reported. */
  lowAfter?: ReadonlyMap<number, string>
}

function PurgeTable({ rows, excluded, onToggle, lowAfter }: PurgeTableProps) {
  return (
    <div className="max-h-72 overflow-auto rounded-md border border-border">
      <table className="w-full text-sm tabular-nums">
        <thead className="sticky top-0 border-b border-border bg-surface-muted">
          <tr>
            <th scope="col" className={cn(TH, 'text-left')}>
              Partition
            </th>
            <th scope="col" className={cn(TH, 'text-right')}>
              Low (start)
            </th>
            <th scope="col" className={cn(TH, 'text-right')}>
              High (end)
            </th>
            <th scope="col" className={cn(TH, 'text-right')}>
              {lowAfter ? 'Start now' : 'New start'}
            </th>
            <th scope="col" className={cn(TH, 'text-right')}>
              Records deleted
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const off = excluded?.has(r.partition) ?? false
            return (
              <tr
                key={r.partition}
                data-testid="topic-purge-row"
                data-partition={r.partition}
                className={cn('border-b border-border last:border-b-0', off && 'text-muted line-through')}
              >
                <td className={TD}>
                  {onToggle ? (
                    <label className="flex cursor-pointer items-center gap-2">
                      <input type="checkbox" checked={!off} onChange={() => onToggle(r.partition)} />
                      {r.partition}
                    </label>
                  ) : (
                    r.partition
                  )}
                </td>
                <td className={cn(TD, 'text-right')}>{formatCount(r.lowBefore)}</td>
                <td className={cn(TD, 'text-right')}>{formatCount(r.highBefore)}</td>
                <td className={cn(TD, 'text-right font-medium')}>
                  {formatCount(lowAfter?.get(r.partition) ?? r.target)}
                </td>
                <td className={cn(TD, 'text-right')}>{formatCount(r.deleted)}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
