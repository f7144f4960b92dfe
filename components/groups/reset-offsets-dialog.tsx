'use client'

import { useState } from 'react'
import { Button } from '@/components/ui/button'
import { EmptyState } from '@/components/ui/empty-state'
import { ErrorState } from '@/components/ui/error-state'
import { formatCount, pluralize } from '@/lib/client/format'
import { useExecuteOffsetReset, usePreviewOffsetReset } from '@/lib/client/group-actions'
import type { GroupDescription } from '@/lib/groups/types'
import type { ResetOffsetsResult } from '@/lib/lag/reset-offsets/types'
import type { PartitionLagWithTime } from '@/lib/lag/types'
import { ActionDialog, AuditNote, ConfirmByTyping, DangerButton, DialogNotice } from './action-dialog'
import { ResetModePicker } from './reset-mode-picker'
import {
  clientBlockedReason,
  confirmed,
  initialModeForm,
  type ModeForm,
  requestOf,
  selectAll,
} from './reset-offsets-model'
import { ResetPreviewTable } from './reset-preview-table'
import { ResetScopePicker } from './reset-scope-picker'

type ResetOffsetsDialogProps = {
  clusterId: string
  group: GroupDescription
  /** The group's partitions as its detail page shows them: what can be selected. */
  partitions: readonly PartitionLagWithTime[]
  onClose: () => void
}

/**
 * Choose partitions and a mode → Preview (the server's dry run) → type the group id → Execute → the result with its
 * audit status. Any change after a preview discards it, so what runs is always what was previewed (the server plans
 * it again with fresh offsets).
 */
export function ResetOffsetsDialog({ clusterId, group, partitions, onClose }: ResetOffsetsDialogProps) {
  const groupId = group.groupId
  const [selection, setSelection] = useState(() => selectAll(partitions))
  const [form, setForm] = useState<ModeForm>(() => initialModeForm())
  const [typed, setTyped] = useState('')
  const preview = usePreviewOffsetReset(clusterId, groupId)
  const execute = useExecuteOffsetReset(clusterId, groupId)
  const built = requestOf(selection, form)
  const plan = preview.data
  const blockedReason = plan ? plan.blockedReason : clientBlockedReason(group)

  const discardPreview = () => {
    preview.reset()
    execute.reset()
    setTyped('')
  }

  if (execute.data) {
    return (
      <ActionDialog
        title="Offsets reset"
        onClose={onClose}
        testId="reset-offsets-dialog"
        footer={
          <Button variant="primary" onClick={onClose}>
            Close
          </Button>
        }
      >
        <ResetResultView result={execute.data} />
      </ActionDialog>
    )
  }

  const canExecute =
    !!plan && !plan.blockedReason && plan.rows.length > 0 && confirmed(typed, groupId) && !execute.isPending
  return (
    <ActionDialog
      title="Reset offsets"
      description={
        <>
          Move the committed offsets of <span className="font-mono">{groupId}</span>. Preview first; nothing changes
          until you execute.
        </>
      }
      onClose={onClose}
      testId="reset-offsets-dialog"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <DangerButton
            data-testid="reset-execute-button"
            disabled={!canExecute}
            onClick={() => preview.variables && execute.mutate(preview.variables)}
          >
            {execute.isPending ? 'Resetting…' : 'Execute reset'}
          </DangerButton>
        </>
      }
    >
      <div className="flex flex-col gap-4">
        {blockedReason && (
          <DialogNotice tone="danger" testId="reset-blocked-reason">
            {blockedReason}
          </DialogNotice>
        )}
        {partitions.length === 0 ? (
          <EmptyState
            title="No partitions to reset"
            description="This group has no committed offsets and no assigned partitions."
          />
        ) : (
          <>
            <ResetScopePicker
              partitions={partitions}
              selection={selection}
              onChange={(next) => {
                discardPreview()
                setSelection(next)
              }}
            />
            <ResetModePicker
              form={form}
              error={'error' in built && selection.size > 0 ? built.error : null}
              onChange={(patch) => {
                discardPreview()
                setForm((f) => ({ ...f, ...patch }))
              }}
            />
            <div>
              <Button
                data-testid="reset-preview-button"
                variant={plan ? 'secondary' : 'primary'}
                disabled={'error' in built || preview.isPending}
                onClick={() => 'request' in built && preview.mutate(built.request)}
              >
                {preview.isPending ? 'Planning…' : plan ? 'Preview again' : 'Preview'}
              </Button>
            </div>
          </>
        )}
        {preview.error && <ErrorState title="The preview failed" error={preview.error} />}
        {plan && (
          <section aria-label="Preview" className="flex flex-col gap-3">
            <p className="text-sm">
              {pluralize(plan.rows.length, 'partition')} {plan.modeText}, planned at{' '}
              {new Date(plan.plannedAt).toLocaleTimeString()}. Group{' '}
              {plan.group.exists ? plan.group.state : 'not created yet'}, {pluralize(plan.group.members, 'member')}.
            </p>
            <ResetPreviewTable
              rows={plan.rows}
              skipped={plan.skipped}
              totals={plan.totals}
              rowTestId={(r) => `reset-preview-row-${r.topic}-${r.partition}`}
            />
            {!plan.blockedReason && plan.rows.length > 0 && (
              <ConfirmByTyping
                expected={groupId}
                value={typed}
                onChange={setTyped}
                what="group id"
                testId="reset-confirm-input"
              />
            )}
          </section>
        )}
        {execute.error && <ExecuteError error={execute.error} />}
      </div>
    </ActionDialog>
  )
}

function ResetResultView({ result }: { result: ResetOffsetsResult }) {
  return (
    <div data-testid="reset-result" className="flex flex-col gap-3">
      <DialogNotice tone="success">
        Reset {pluralize(result.applied.length, 'partition')} of <span className="font-mono">{result.groupId}</span>{' '}
        {result.modeText}. Total lag is now {formatCount(result.totals.lagAfter)} (was{' '}
        {formatCount(result.totals.lagBefore)}).
      </DialogNotice>
      <AuditNote audit={result.audit} />
      <ResetPreviewTable
        rows={result.applied}
        skipped={result.skipped}
        totals={result.totals}
        rowTestId={(r) => `reset-applied-row-${r.topic}-${r.partition}`}
      />
    </div>
  )
}

/** The refusal (e.g. a consumer joined since the preview) and whether the refusal itself was audited. */
function ExecuteError({ error }: { error: Error }) {
  const audit = (error as { details?: { audit?: { recorded: boolean; reason?: string } } }).details?.audit
  return (
    <ErrorState title="The reset was not executed" error={error}>
      {audit && !audit.recorded && <p className="text-xs text-muted">Not in the audit trail: {audit.reason}</p>}
    </ErrorState>
  )
}
