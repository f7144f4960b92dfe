'use client'

import { useState } from 'react'
import { DangerButton } from '@/components/groups/action-dialog'
import { Button } from '@/components/ui/button'
import { useClusters } from '@/lib/client/clusters'
import { useCan } from '@/lib/client/session'
import { DeleteTopicDialog } from './delete-topic-dialog'
import { EditTopicConfigsDialog } from './edit-topic-configs-dialog'
import { PurgeTopicDialog } from './purge-topic-dialog'

type Open = null | 'configs' | 'purge' | 'delete'

/**
 * A topic's mutating actions for its detail header: edit config overrides (diff before confirm), purge records
 * (preview per partition, then type the name), delete (type the name). Disabled on read-only clusters; the server
 * refuses internal and Ferry state topics with the reason.
 */
export function TopicActions({ clusterId, topic }: { clusterId: string; topic: string }) {
  const [open, setOpen] = useState<Open>(null)
  const clusters = useClusters()
  const readOnly = clusters.data?.clusters.find((c) => c.id === clusterId)?.readOnly ?? false
  const why = readOnly ? 'This cluster is read-only in Ferry’s config' : undefined
  const close = () => setOpen(null)
  // Only what the user's role allows is offered (the server checks again).
  const canEdit = useCan('topic.alter-configs', { clusterId, topic })
  const canPurge = useCan('topic.purge', { clusterId, topic })
  const canDelete = useCan('topic.delete', { clusterId, topic })
  if (!canEdit && !canPurge && !canDelete) return null
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="topic-actions">
      <Button
        size="sm"
        hidden={!canEdit}
        data-testid="topic-config-edit-button"
        disabled={readOnly}
        title={why}
        onClick={() => setOpen('configs')}
      >
        Edit configs
      </Button>
      <Button
        size="sm"
        hidden={!canPurge}
        data-testid="topic-purge-button"
        disabled={readOnly}
        title={why}
        onClick={() => setOpen('purge')}
      >
        Purge records
      </Button>
      <DangerButton
        size="sm"
        hidden={!canDelete}
        data-testid="topic-delete-button"
        disabled={readOnly}
        title={why}
        onClick={() => setOpen('delete')}
      >
        Delete topic
      </DangerButton>
      {open === 'configs' && <EditTopicConfigsDialog clusterId={clusterId} topic={topic} onClose={close} />}
      {open === 'purge' && <PurgeTopicDialog clusterId={clusterId} topic={topic} onClose={close} />}
      {open === 'delete' && <DeleteTopicDialog clusterId={clusterId} topic={topic} onClose={close} />}
    </div>
  )
}
