'use client'

import Link from 'next/link'
import { useEffect, useState } from 'react'
import { ActionDialog, AuditNote, ConfirmByTyping, DangerButton, DialogNotice } from '@/components/groups/action-dialog'
import { Button } from '@/components/ui/button'
import { ErrorState } from '@/components/ui/error-state'
import { Skeleton } from '@/components/ui/skeleton'
import { formatCount, pluralize } from '@/lib/client/format'
import { useDeleteTopic, usePreviewDeleteTopic } from '@/lib/client/topic-actions'
import { clusterHref } from '@/lib/nav'

type DeleteTopicDialogProps = { clusterId: string; topic: string; onClose: () => void }

/** Shows what goes (partitions, records, overrides), then deletes the topic after its name is typed. */
export function DeleteTopicDialog({ clusterId, topic, onClose }: DeleteTopicDialogProps) {
  const [typed, setTyped] = useState('')
  const preview = usePreviewDeleteTopic(clusterId, topic)
  const remove = useDeleteTopic(clusterId, topic)
  const { mutate: load } = preview
  useEffect(() => load(), [load])
  const plan = preview.data
  const done = remove.data
  const overrides = Object.entries(plan?.overrides ?? {})
  return (
    <ActionDialog
      title="Delete topic"
      description={
        <>
          Deletes <span className="font-mono">{topic}</span> and every record in it. This cannot be undone.
        </>
      }
      onClose={onClose}
      testId="delete-topic-dialog"
      className="w-[min(36rem,calc(100vw-2rem))]"
      footer={
        done ? (
          <Link href={clusterHref(clusterId, 'topics')} className="text-sm font-medium text-accent hover:underline">
            Back to all topics
          </Link>
        ) : (
          <>
            <Button onClick={onClose}>Cancel</Button>
            <DangerButton
              data-testid="topic-delete-confirm"
              disabled={!plan || !!plan.refusedReason || typed !== topic || remove.isPending}
              onClick={() => remove.mutate()}
            >
              {remove.isPending ? 'Deleting…' : 'Delete topic'}
            </DangerButton>
          </>
        )
      }
    >
      {done ? (
        <div data-testid="topic-action-result" className="flex flex-col gap-2">
          <DialogNotice tone="success">
            Topic <span className="font-mono">{done.topic}</span> was deleted.
          </DialogNotice>
          <AuditNote audit={done.audit} />
        </div>
      ) : (
        <div className="flex flex-col gap-3">
          {preview.isPending && <Skeleton className="h-16 w-full" />}
          {preview.error && (
            <ErrorState title="Ferry could not read the topic" error={preview.error} onRetry={() => load()} />
          )}
          {plan && (
            <>
              <p data-testid="topic-delete-preview" className="text-sm">
                {pluralize(plan.partitions, 'partition')}, replication factor {plan.replicationFactor},{' '}
                <strong>{formatCount(plan.messageCount)}</strong> records.
                {overrides.length > 0 && (
                  <>
                    {' '}
                    Overrides (kept in the audit record):{' '}
                    <span className="font-mono text-xs">{overrides.map(([k, v]) => `${k}=${v}`).join(', ')}</span>
                  </>
                )}
              </p>
              {plan.refusedReason ? (
                <DialogNotice tone="danger" testId="topic-action-refused">
                  {plan.refusedReason}
                </DialogNotice>
              ) : (
                <ConfirmByTyping
                  expected={topic}
                  value={typed}
                  onChange={setTyped}
                  what="topic name"
                  testId="action-confirm-input"
                />
              )}
            </>
          )}
          {remove.error && <ErrorState title="The topic was not deleted" error={remove.error} />}
        </div>
      )}
    </ActionDialog>
  )
}
