'use client'

import { useEffect, useState } from 'react'
import { ActionDialog, AuditNote, DialogNotice } from '@/components/groups/action-dialog'
import { Button } from '@/components/ui/button'
import { cn } from '@/components/ui/cn'
import { ErrorState } from '@/components/ui/error-state'
import { Skeleton } from '@/components/ui/skeleton'
import { pluralize } from '@/lib/client/format'
import { useAlterTopicConfigs, usePreviewTopicConfigs } from '@/lib/client/topic-actions'
import type { AlterTopicConfigsRequest, ConfigChange } from '@/lib/topics/actions/types'
import { ConfigRowsEditor } from './config-rows-editor'
import { type ConfigRow, changeRequestOf, configsOfRows, rowsOf } from './config-rows-model'

type EditTopicConfigsDialogProps = { clusterId: string; topic: string; onClose: () => void }

/**
 * Edits the topic's config overrides. The change is sent incrementally (only what was edited; other overrides stay),
 * shown as a diff validated by Kafka, and applied only after "Apply".
 */
export function EditTopicConfigsDialog({ clusterId, topic, onClose }: EditTopicConfigsDialogProps) {
  const current = usePreviewTopicConfigs(clusterId, topic)
  const review = usePreviewTopicConfigs(clusterId, topic)
  const apply = useAlterTopicConfigs(clusterId, topic)
  const [rows, setRows] = useState<ConfigRow[] | null>(null)
  const [reviewed, setReviewed] = useState<AlterTopicConfigsRequest | null>(null)
  const { mutate: load } = current
  // No changes: the server only reads the current overrides.
  useEffect(() => load({ set: {}, delete: [] }, { onSuccess: (p) => setRows(rowsOf(p.overrides)) }), [load])
  const overrides = current.data?.overrides ?? {}
  const edited = rows ? configsOfRows(rows) : null
  const request = edited && 'configs' in edited ? changeRequestOf(overrides, edited.configs) : null
  const changed = !!request && (Object.keys(request.set).length > 0 || request.delete.length > 0)
  const done = apply.data
  const edit = (next: ConfigRow[]) => {
    setRows(next)
    setReviewed(null)
    review.reset()
  }
  return (
    <ActionDialog
      title="Edit config overrides"
      description={
        <>
          Overrides of <span className="font-mono">{topic}</span>; configs without one use the broker’s value. Only what
          you change is sent (IncrementalAlterConfigs).
        </>
      }
      onClose={onClose}
      testId="topic-config-dialog"
      footer={
        done ? (
          <Button variant="primary" onClick={onClose}>
            Close
          </Button>
        ) : (
          <>
            <Button onClick={onClose}>Cancel</Button>
            {reviewed && review.data ? (
              <Button
                variant="primary"
                data-testid="topic-config-apply"
                disabled={apply.isPending}
                onClick={() => apply.mutate(reviewed)}
              >
                {apply.isPending ? 'Applying…' : `Apply ${pluralize(review.data.changes.length, 'change')}`}
              </Button>
            ) : (
              <Button
                variant="primary"
                data-testid="topic-config-review"
                disabled={!changed || review.isPending}
                onClick={() => {
                  if (!request) return
                  review.mutate(request, { onSuccess: () => setReviewed(request) })
                }}
              >
                {review.isPending ? 'Validating…' : 'Review changes'}
              </Button>
            )}
          </>
        )
      }
    >
      {done ? (
        <div data-testid="topic-action-result" className="flex flex-col gap-2">
          <DialogNotice tone="success">
            Changed {pluralize(done.changes.length, 'override')} of <span className="font-mono">{done.topic}</span>.
          </DialogNotice>
          <ConfigDiff changes={done.changes} />
          <AuditNote audit={done.audit} />
        </div>
      ) : (
        <div className="flex flex-col gap-3">
          {current.isPending && <Skeleton className="h-24 w-full" />}
          {current.error && (
            <ErrorState
              title="Ferry could not read the topic's configs"
              error={current.error}
              onRetry={() => load({ set: {}, delete: [] }, { onSuccess: (p) => setRows(rowsOf(p.overrides)) })}
            />
          )}
          {rows && <ConfigRowsEditor rows={rows} onChange={edit} testId="topic-config" />}
          {edited && 'problem' in edited && <DialogNotice tone="warning">{edited.problem}</DialogNotice>}
          {reviewed && review.data && (
            <div className="flex flex-col gap-1.5">
              <p className="text-sm font-medium">Kafka accepted these changes (validated, not applied yet):</p>
              <ConfigDiff changes={review.data.changes} />
            </div>
          )}
          {review.error && <ErrorState title="Kafka refused the change" error={review.error} />}
          {apply.error && <ErrorState title="The configs were not changed" error={apply.error} />}
        </div>
      )}
    </ActionDialog>
  )
}

/** Before → after per changed override; removed overrides fall back to the broker's value. */
function ConfigDiff({ changes }: { changes: readonly ConfigChange[] }) {
  return (
    <ul data-testid="topic-config-diff" className="rounded-md border border-border font-mono text-xs">
      {changes.map((c) => (
        <li
          key={c.name}
          data-testid="topic-config-change"
          data-name={c.name}
          className="flex flex-wrap items-center gap-2 border-b border-border px-2.5 py-1.5 last:border-b-0"
        >
          <span className="font-semibold">{c.name}</span>
          <span className={cn(c.before === null ? 'text-muted' : 'text-danger line-through')}>
            {c.before ?? '(default)'}
          </span>
          <span className="text-muted">→</span>
          <span className={cn(c.after === null ? 'text-muted' : 'text-success')}>{c.after ?? '(default)'}</span>
        </li>
      ))}
    </ul>
  )
}
