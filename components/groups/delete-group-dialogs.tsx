'use client'

import Link from 'next/link'
import { useState } from 'react'
import { Button } from '@/components/ui/button'
import { ErrorState } from '@/components/ui/error-state'
import { pluralize } from '@/lib/client/format'
import { useDeleteGroup, useDeleteGroupOffsets } from '@/lib/client/group-actions'
import type { GroupDescription } from '@/lib/groups/types'
import { clusterHref } from '@/lib/nav'
import { ActionDialog, AuditNote, ConfirmByTyping, DangerButton, DialogNotice } from './action-dialog'
import { confirmed } from './reset-offsets-model'

/** Why Kafka would refuse to delete the group now (it must be Empty), from its last description. */
export function deleteBlockedReason(group: GroupDescription): string | null {
  const members = group.members.length
  if (members === 0 && (group.state === 'Empty' || group.state === 'Dead')) return null
  return `Group "${group.groupId}" is ${group.state} with ${pluralize(members, 'active member')}: Kafka deletes a group only while it is Empty. Stop its consumers first.`
}

type DeleteGroupDialogProps = { clusterId: string; group: GroupDescription; onClose: () => void }

/** Deletes the group and all its committed offsets, after the operator types its id. */
export function DeleteGroupDialog({ clusterId, group, onClose }: DeleteGroupDialogProps) {
  const groupId = group.groupId
  const [typed, setTyped] = useState('')
  const remove = useDeleteGroup(clusterId, groupId)
  const blocked = deleteBlockedReason(group)
  const done = remove.data
  return (
    <ActionDialog
      title="Delete group"
      description={
        <>
          Deletes <span className="font-mono">{groupId}</span> with all its committed offsets. Consumers that join it
          later start from their auto.offset.reset position.
        </>
      }
      onClose={onClose}
      testId="delete-group-dialog"
      className="w-[min(36rem,calc(100vw-2rem))]"
      footer={
        done ? (
          <Link href={clusterHref(clusterId, 'groups')} className="text-sm font-medium text-accent hover:underline">
            Back to all groups
          </Link>
        ) : (
          <>
            <Button onClick={onClose}>Cancel</Button>
            <DangerButton
              data-testid="delete-group-execute-button"
              disabled={!!blocked || !confirmed(typed, groupId) || remove.isPending}
              onClick={() => remove.mutate()}
            >
              {remove.isPending ? 'Deleting…' : 'Delete group'}
            </DangerButton>
          </>
        )
      }
    >
      <div className="flex flex-col gap-3">
        {done ? (
          <div data-testid="delete-group-result" className="flex flex-col gap-2">
            <DialogNotice tone="success">
              Group <span className="font-mono">{done.groupId}</span> was deleted.
            </DialogNotice>
            <AuditNote audit={done.audit} />
          </div>
        ) : (
          <>
            {blocked && (
              <DialogNotice tone="danger" testId="delete-group-blocked-reason">
                {blocked}
              </DialogNotice>
            )}
            <ConfirmByTyping
              expected={groupId}
              value={typed}
              onChange={setTyped}
              what="group id"
              testId="delete-group-confirm-input"
            />
            {remove.error && <ErrorState title="The group was not deleted" error={remove.error} />}
          </>
        )}
      </div>
    </ActionDialog>
  )
}

type DeleteOffsetsDialogProps = {
  clusterId: string
  group: GroupDescription
  /** Topics the group has committed offsets on. */
  topics: readonly string[]
  onClose: () => void
}

/** Deletes the group's committed offsets on one topic, after the operator types the topic name. */
export function DeleteOffsetsDialog({ clusterId, group, topics, onClose }: DeleteOffsetsDialogProps) {
  const [topic, setTopic] = useState(topics[0] ?? '')
  const [typed, setTyped] = useState('')
  const remove = useDeleteGroupOffsets(clusterId, group.groupId)
  // Kafka answers GROUP_SUBSCRIBED_TO_TOPIC for a topic a member consumes.
  const consuming = group.members.filter(
    (m) => m.subscribedTopics.includes(topic) || m.assignment.some((a) => a.topic === topic),
  ).length
  const blocked =
    consuming > 0
      ? `${pluralize(consuming, 'member')} of the group ${consuming === 1 ? 'consumes' : 'consume'} "${topic}": Kafka deletes a topic's offsets only when no member is subscribed to it.`
      : null
  const done = remove.data
  return (
    <ActionDialog
      title="Delete offsets of a topic"
      description={
        <>
          Deletes the committed offsets of <span className="font-mono">{group.groupId}</span> on one topic; its other
          topics are kept.
        </>
      }
      onClose={onClose}
      testId="delete-offsets-dialog"
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
              data-testid="delete-offsets-execute-button"
              disabled={!topic || !!blocked || !confirmed(typed, topic) || remove.isPending}
              onClick={() => remove.mutate(topic)}
            >
              {remove.isPending ? 'Deleting…' : 'Delete offsets'}
            </DangerButton>
          </>
        )
      }
    >
      {done ? (
        <div data-testid="delete-offsets-result" className="flex flex-col gap-2">
          <DialogNotice tone="success">
            Deleted the offsets of {pluralize(done.partitions.length, 'partition')} of topic{' '}
            <span className="font-mono">{done.topic}</span>.
          </DialogNotice>
          <AuditNote audit={done.audit} />
        </div>
      ) : (
        <div className="flex flex-col gap-3">
          <label className="flex flex-col gap-1 text-sm">
            <span className="font-medium">Topic</span>
            <select
              data-testid="delete-offsets-topic"
              value={topic}
              onChange={(e) => {
                setTopic(e.target.value)
                setTyped('')
                remove.reset()
              }}
              className="h-8 cursor-pointer rounded-md border border-border-strong bg-surface px-2 text-sm"
            >
              {topics.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
          {blocked && (
            <DialogNotice tone="danger" testId="delete-offsets-blocked-reason">
              {blocked}
            </DialogNotice>
          )}
          <ConfirmByTyping
            expected={topic}
            value={typed}
            onChange={setTyped}
            what="topic name"
            testId="delete-offsets-confirm-input"
          />
          {remove.error && <ErrorState title="The offsets were not deleted" error={remove.error} />}
        </div>
      )}
    </ActionDialog>
  )
}
