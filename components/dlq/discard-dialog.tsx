'use client'

import { useState } from 'react'
import { ActionDialog, AuditNote, ConfirmByTyping, DangerButton, DialogNotice } from '@/components/groups/action-dialog'
import { Button } from '@/components/ui/button'
import { ErrorState } from '@/components/ui/error-state'
import { READ_ONLY_REASON, useDiscards } from '@/lib/client/dlq'
import { formatCount, pluralize } from '@/lib/client/format'
import type { TopicSelection } from './dlq-model'
import { targetsInWords } from './replay-dialog'

type Props = { clusterId: string; targets: TopicSelection[]; readOnly: boolean; onClose: () => void }

/** The word typed to discard more than one record (a single one needs only the reason). */
export const DISCARD_CONFIRM_WORD = 'discard'

/**
 * Marks dead letters as discarded (they stay in the topic; Ferry records the resolution). A reason is required; more
 * than one record (or "all matching") also needs the operator to type the confirmation word.
 */
export function DiscardDialog({ clusterId, targets, readOnly, onClose }: Props) {
  const [reason, setReason] = useState('')
  const [typed, setTyped] = useState('')
  const discard = useDiscards(clusterId)
  const count = targets.every((t) => t.count !== null) ? targets.reduce((n, t) => n + (t.count ?? 0), 0) : null
  const many = count === null || count > 1
  const ready = reason.trim().length > 0 && (!many || typed.trim() === DISCARD_CONFIRM_WORD)
  const done = discard.data
  const discarded = done?.reduce((n, d) => n + (d.ok ? d.value.discarded : 0), 0) ?? 0
  const skipped = done?.reduce((n, d) => n + (d.ok ? d.value.skipped : 0), 0) ?? 0
  return (
    <ActionDialog
      title="Discard dead letters"
      description={
        <>
          Marks {targetsInWords(targets)} as discarded: they are no longer pending and will not be replayed. The records
          themselves stay in their topic.
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
                discard.mutate(
                  targets.map((t) => ({ dlqTopic: t.dlqTopic, selection: t.selection, reason: reason.trim() })),
                )
              }
            >
              {discard.isPending ? 'Discarding…' : `Discard ${count === null ? 'all matching' : formatCount(count)}`}
            </DangerButton>
          </>
        )
      }
    >
      {done ? (
        <div data-testid="discard-result" className="flex flex-col gap-2">
          <DialogNotice tone="success">
            Discarded {pluralize(discarded, 'dead letter')}
            {skipped > 0 && ` (${formatCount(skipped)} skipped: already replayed or discarded)`}
            {done.length > 1 && ` in ${done.filter((d) => d.ok).length} dead-letter topics`}.
          </DialogNotice>
          {done.map((d) =>
            d.ok ? (
              <AuditNote key={d.dlqTopic} audit={d.value.audit} />
            ) : (
              <ErrorState key={d.dlqTopic} title={`Nothing of ${d.dlqTopic} was discarded`} error={d.error} />
            ),
          )}
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
