'use client'

import { useState } from 'react'
import { Button } from '@/components/ui/button'
import { useClusters } from '@/lib/client/clusters'
import { useCan } from '@/lib/client/session'
import type { GroupDetail } from '@/lib/lag/types'
import { DangerButton } from './action-dialog'
import { DeleteGroupDialog, DeleteOffsetsDialog } from './delete-group-dialogs'
import { ResetOffsetsDialog } from './reset-offsets-dialog'

type GroupActionsProps = { clusterId: string; detail: GroupDetail }

type Open = null | 'reset' | 'delete' | 'delete-offsets'

/**
 * The group's mutating actions: reset offsets, delete its offsets on one topic, delete the group. Each opens a dialog
 * that previews or explains, asks for the id to be typed, and reports the audit status. Disabled on read-only
 * clusters; groups without consumer offsets (share, Connect) get no offset actions.
 */
export function GroupActions({ clusterId, detail }: GroupActionsProps) {
  const [open, setOpen] = useState<Open>(null)
  const clusters = useClusters()
  const readOnly = clusters.data?.clusters.find((c) => c.id === clusterId)?.readOnly ?? false
  const group = detail.group
  const hasOffsets = detail.offsetKind !== 'share-start' && detail.partitions.length > 0
  const committedTopics = [
    ...new Set(detail.partitions.filter((p) => p.committedOffset !== null).map((p) => p.topic)),
  ].sort()
  const why = readOnly ? 'This cluster is read-only in Ferry’s config' : undefined
  const close = () => setOpen(null)
  // Only what the user's role allows is offered (the server checks again).
  const canReset = useCan('group.reset-offsets', { clusterId, group: group.groupId })
  const canDeleteOffsets = useCan('group.delete-offsets', { clusterId, group: group.groupId })
  const canDelete = useCan('group.delete', { clusterId, group: group.groupId })
  if (!canReset && !canDeleteOffsets && !canDelete) return null
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="group-actions">
      <Button
        size="sm"
        hidden={!canReset}
        data-testid="reset-offsets-button"
        disabled={readOnly || !hasOffsets}
        title={why ?? (hasOffsets ? undefined : 'This group has no consumer offsets to reset')}
        onClick={() => setOpen('reset')}
      >
        Reset offsets
      </Button>
      <Button
        size="sm"
        hidden={!canDeleteOffsets}
        data-testid="delete-offsets-button"
        disabled={readOnly || committedTopics.length === 0}
        title={why ?? (committedTopics.length > 0 ? undefined : 'This group has no committed offsets')}
        onClick={() => setOpen('delete-offsets')}
      >
        Delete offsets…
      </Button>
      <DangerButton
        size="sm"
        hidden={!canDelete}
        data-testid="delete-group-button"
        disabled={readOnly}
        title={why}
        onClick={() => setOpen('delete')}
      >
        Delete group
      </DangerButton>
      {open === 'reset' && (
        <ResetOffsetsDialog clusterId={clusterId} group={group} partitions={detail.partitions} onClose={close} />
      )}
      {open === 'delete' && <DeleteGroupDialog clusterId={clusterId} group={group} onClose={close} />}
      {open === 'delete-offsets' && (
        <DeleteOffsetsDialog clusterId={clusterId} group={group} topics={committedTopics} onClose={close} />
      )}
    </div>
  )
}
