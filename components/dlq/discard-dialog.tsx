'use client'

import { useState } from 'react'
import { ActionDialog, AuditNote, ConfirmByTyping, DangerButton, DialogNotice } from '@/components/groups/action-dialog'
import { Button } from '@/components/ui/button'
import { ErrorState } from '@/components/ui/error-state'
import { READ_ONLY_REASON, useDiscard } from '@/lib/client/dlq'
import { formatCount, pluralize } from '@/lib/client/format'
import type { ReplayTarget } from './replay-dialog'

type Props = { clusterId: string; target: ReplayTarget; readOnly: boolean; onClose: () => void }

/** The word typed to discard more than one record (a single one needs only the reason). */
export const DISCARD_CONFIRM_WORD = 'discard'

/**
 * Marks dead letters as discarded (they stay in the topic; Ferry records the resolution). A reason is required; more
 * than one record (or "all matching") also needs the operator to type the confirmation word.
 */
export function DiscardDialog({ clusterId, target, readOnly, onClose }: Props) {
  const [reason, setReason] = useState('')
  const [typed, setTyped] = useState('')
  const discard = useDiscard(clusterId)
  const many = target.count === null || target.count > 1
  const ready = reason.trim().length > 0 && (!many || typed.trim() === DISCARD_CONFIRM_WORD)
  const done = discard.data
  const what = target.count === null ? 'all matching dead letters' : pluralize(target.count, 'dead letter')
  return (
    <ActionDialog
      title="Discard dead letters"
      description={
        <>
          Marks {what} of <span className="font-mono">{target.dlqTopic}</span> as discarded: they are no longer pending
          and will not be replayed. The records themselves stay in the topic.
        </>
      }
      onClose={onClose}
      testId="discard-dialog"
      className="w-[min(36rem,calc(100vw-2rem))]"
      footer={
        done ? (
          <Button variant="primary" onClick={onClose}>
            Close
          </Button>
        ) : (
          <>
            <Button onClick={onClose}>Cancel</Button>
            <DangerButton
              data-testid="discard-confirm"
              title={readOnly ? READ_ONLY_REASON : undefined}
              disabled={readOnly || !ready || discard.isPending}
              onClick={() =>
                discard.mutate({ dlqTopic: target.dlqTopic, selection: target.selection, reason: reason.trim() })
              }
            >
              {discard.isPending
                ? 'Discarding…'
                : `Discard ${target.count === null ? 'all matching' : formatCount(target.count)}`}
            </DangerButton>
          </>
        )
      }
    >
      {done ? (
        <div data-testid="discard-result" className="flex flex-col gap-2">
          <DialogNotice tone="success">
            Discarded {pluralize(done.discarded, 'dead letter')}
            {done.skipped > 0 && ` (${formatCount(done.skipped)} skipped: already replayed or discarded)`}.
          </DialogNotice>
          <AuditNote audit={done.audit} />
        </div>
      ) : (
        <div className="flex flex-col gap-3">
          {readOnly && <DialogNotice tone="warning">{READ_ONLY_REASON}.</DialogNotice>}
          <label className="flex flex-col gap-1 text-sm">
            <span className="font-medium">Reason (required, kept with each dead letter and in the audit trail)</span>
            <textarea
              data-testid="discard-reason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              rows={3}
              className="rounded-md border border-border-strong bg-surface p-2 text-sm"
            />
          </label>
          {many && (
            <ConfirmByTyping
              expected={DISCARD_CONFIRM_WORD}
              value={typed}
              onChange={setTyped}
              what="word"
              testId="discard-confirm-input"
            />
          )}
          {discard.error && <ErrorState title="Nothing was discarded" error={discard.error} />}
        </div>
      )}
    </ActionDialog>
  )
}
