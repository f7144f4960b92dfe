'use client'

import { useState } from 'react'
import { ActionDialog, AuditNote, DialogNotice } from '@/components/groups/action-dialog'
import { Button } from '@/components/ui/button'
import { ErrorState } from '@/components/ui/error-state'
import { useClusters } from '@/lib/client/clusters'
import { pluralize } from '@/lib/client/format'
import { useCanSomewhere } from '@/lib/client/session'
import { useCreateTopic } from '@/lib/client/topic-actions'
import { topicNameProblem } from '@/lib/topics/actions/topic-name'
import { ConfigRowsEditor } from './config-rows-editor'
import { type ConfigRow, configsOfRows } from './config-rows-model'

/** Opens the create-topic dialog; disabled on read-only clusters. Mount it in the topics list header. */
export function CreateTopicButton({ clusterId }: { clusterId: string }) {
  const [open, setOpen] = useState(false)
  const clusters = useClusters()
  const readOnly = clusters.data?.clusters.find((c) => c.id === clusterId)?.readOnly ?? false
  // Hidden when no role allows it (the server checks the name against the rules when it is submitted).
  if (!useCanSomewhere('topic.create', clusterId)) return null
  return (
    <>
      <Button
        variant="primary"
        size="sm"
        data-testid="create-topic-button"
        disabled={readOnly}
        title={readOnly ? 'This cluster is read-only in Ferry’s config' : undefined}
        onClick={() => setOpen(true)}
      >
        Create topic
      </Button>
      {open && <CreateTopicDialog clusterId={clusterId} onClose={() => setOpen(false)} />}
    </>
  )
}

const intIn = (text: string, min: number, max: number) => {
  const n = Number(text)
  return Number.isInteger(n) && n >= min && n <= max ? n : null
}

/**
 * Name, partitions, replication factor and config overrides. Ferry checks the name as it is typed; the server checks
 * the replication factor against the broker count and has Kafka validate everything before creating anything.
 */
export function CreateTopicDialog({ clusterId, onClose }: { clusterId: string; onClose: () => void }) {
  const [name, setName] = useState('')
  const [partitions, setPartitions] = useState('1')
  const [replication, setReplication] = useState('1')
  const [rows, setRows] = useState<ConfigRow[]>([])
  const create = useCreateTopic(clusterId)
  const nameProblem = name === '' ? null : topicNameProblem(name)
  const parts = intIn(partitions, 1, 100_000)
  const rf = intIn(replication, 1, 32_767)
  const configs = configsOfRows(rows)
  const problem =
    nameProblem ??
    (parts === null ? 'Partitions must be a whole number from 1' : null) ??
    (rf === null ? 'Replication factor must be a whole number from 1' : null) ??
    ('problem' in configs ? configs.problem : null)
  const done = create.data
  const submit = () => {
    if (problem || name === '' || parts === null || rf === null || 'problem' in configs) return
    create.mutate({ name, partitions: parts, replicationFactor: rf, configs: configs.configs })
  }
  const field = 'h-8 rounded-md border border-border-strong bg-surface px-2.5 text-sm'
  return (
    <ActionDialog
      title="Create topic"
      description="Kafka validates the request before anything is created. Recorded in the audit trail."
      onClose={onClose}
      testId="create-topic-dialog"
      className="w-[min(40rem,calc(100vw-2rem))]"
      footer={
        done ? (
          <Button variant="primary" onClick={onClose}>
            Close
          </Button>
        ) : (
          <>
            <Button onClick={onClose}>Cancel</Button>
            <Button
              variant="primary"
              data-testid="create-topic-submit"
              disabled={name === '' || !!problem || create.isPending}
              onClick={submit}
            >
              {create.isPending ? 'Creating…' : 'Create topic'}
            </Button>
          </>
        )
      }
    >
      {done ? (
        <div data-testid="topic-action-result" className="flex flex-col gap-2">
          <DialogNotice tone="success">
            Topic <span className="font-mono">{done.topic}</span> was created with{' '}
            {pluralize(done.partitions, 'partition')}, replication factor {done.replicationFactor}.
          </DialogNotice>
          {!done.leadersReady && (
            <DialogNotice tone="warning">
              Not every partition had a leader yet when Ferry answered; producers may see errors for a few seconds.
            </DialogNotice>
          )}
          {done.audit && <AuditNote audit={done.audit} />}
        </div>
      ) : (
        <form
          className="flex flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault()
            submit()
          }}
        >
          <label className="flex flex-col gap-1 text-sm">
            <span className="font-medium">Name</span>
            <input
              data-testid="create-topic-name"
              value={name}
              onChange={(e) => {
                setName(e.target.value)
                create.reset()
              }}
              placeholder="orders.order-created"
              spellCheck={false}
              autoComplete="off"
              className={`${field} font-mono`}
            />
            {nameProblem && (
              <span data-testid="create-topic-name-problem" className="text-xs text-danger">
                {nameProblem}
              </span>
            )}
          </label>
          <div className="grid grid-cols-2 gap-3">
            <label className="flex flex-col gap-1 text-sm">
              <span className="font-medium">Partitions</span>
              <input
                data-testid="create-topic-partitions"
                inputMode="numeric"
                value={partitions}
                onChange={(e) => setPartitions(e.target.value)}
                className={`${field} tabular-nums`}
              />
            </label>
            <label className="flex flex-col gap-1 text-sm">
              <span className="font-medium">Replication factor</span>
              <input
                data-testid="create-topic-replication"
                inputMode="numeric"
                value={replication}
                onChange={(e) => setReplication(e.target.value)}
                className={`${field} tabular-nums`}
              />
            </label>
          </div>
          <fieldset className="flex flex-col gap-1.5">
            <legend className="mb-1 text-sm font-medium">Config overrides</legend>
            <ConfigRowsEditor rows={rows} onChange={setRows} testId="create-topic-config" />
          </fieldset>
          {problem && name !== '' && !nameProblem && <DialogNotice tone="warning">{problem}</DialogNotice>}
          {create.error && <ErrorState title="The topic was not created" error={create.error} />}
          {/* Enter in a field submits */}
          <button type="submit" hidden />
        </form>
      )}
    </ActionDialog>
  )
}
