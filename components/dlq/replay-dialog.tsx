'use client'

import { useState } from 'react'
import { ActionDialog, DialogNotice } from '@/components/groups/action-dialog'
import { Button } from '@/components/ui/button'
import { ErrorState } from '@/components/ui/error-state'
import { READ_ONLY_REASON, useReplayDryRun, useStartReplay } from '@/lib/client/dlq'
import { DEFAULT_REPLAY_FORM, type ReplayForm, replayOptionsOf } from '@/lib/client/dlq-replay'
import { formatCount, pluralize } from '@/lib/client/format'
import type { ReplaySelection } from '@/lib/dlq/api-types'
import { ReplayJobProgress } from './replay-job-progress'
import { ReplayPlanView } from './replay-plan-view'

export type ReplayTarget = {
  dlqTopic: string
  selection: ReplaySelection
  /** Known for picked records; for "all matching" the dry run tells. */
  count: number | null
  /** The one selected record's value, when exactly one is replayed (its value may then be edited). */
  single?: { value: string; isJson: boolean }
}

type Props = { clusterId: string; target: ReplayTarget; readOnly: boolean; onClose: () => void }

/** Replay options, a mandatory dry run showing the plan, then the confirmed replay and its job. */
export function ReplayDialog({ clusterId, target, readOnly, onClose }: Props) {
  const [form, setForm] = useState<ReplayForm>(DEFAULT_REPLAY_FORM)
  const dryRun = useReplayDryRun(clusterId)
  const start = useStartReplay(clusterId)
  const parsed = replayOptionsOf(form, target.single ? { originalWasJson: target.single.isJson } : null)
  const request =
    'options' in parsed ? { dlqTopic: target.dlqTopic, selection: target.selection, options: parsed.options } : null
  // Any change to the options makes the shown plan stale: the operator must look at the new one.
  const update = (patch: Partial<ReplayForm>) => {
    setForm((f) => ({ ...f, ...patch }))
    dryRun.reset()
  }
  const plan = dryRun.data
  const started = start.data
  const what = target.count === null ? 'all matching dead letters' : pluralize(target.count, 'dead letter')
  return (
    <ActionDialog
      title="Replay dead letters"
      description={
        <>
          Sends {what} of <span className="font-mono">{target.dlqTopic}</span> again. The dead letters stay in their
          topic and are marked replayed.
        </>
      }
      onClose={onClose}
      testId="replay-dialog"
      footer={
        started ? (
          <Button variant="primary" onClick={onClose} data-testid="replay-close">
            Close
          </Button>
        ) : (
          <>
            <Button onClick={onClose}>Cancel</Button>
            <Button
              data-testid="replay-dry-run"
              disabled={!request || dryRun.isPending}
              onClick={() => request && dryRun.mutate(request)}
            >
              {dryRun.isPending ? 'Planning…' : 'Dry run'}
            </Button>
            <Button
              variant="primary"
              data-testid="replay-confirm"
              title={readOnly ? READ_ONLY_REASON : plan ? undefined : 'Run the dry run first'}
              disabled={readOnly || !request || !plan || plan.toSend === 0 || start.isPending}
              onClick={() => request && start.mutate(request)}
            >
              {start.isPending ? 'Starting…' : plan ? `Replay ${formatCount(plan.toSend)}` : 'Replay'}
            </Button>
          </>
        )
      }
    >
      {started ? (
        <ReplayJobProgress clusterId={clusterId} jobId={started.job.id} initial={started.job} audit={started.audit} />
      ) : (
        <div className="flex flex-col gap-4">
          {readOnly && (
            <DialogNotice tone="warning">{READ_ONLY_REASON}: the dry run works, the replay does not.</DialogNotice>
          )}
          <ReplayOptionsForm form={form} update={update} single={target.single} />
          {'error' in parsed && (
            <DialogNotice tone="danger" testId="replay-options-error">
              {parsed.error}
            </DialogNotice>
          )}
          {dryRun.error && <ErrorState title="The dry run failed" error={dryRun.error} />}
          {plan && <ReplayPlanView plan={plan} />}
          {start.error && <ErrorState title="The replay did not start" error={start.error} />}
        </div>
      )}
    </ActionDialog>
  )
}

const INPUT = 'h-8 rounded-md border border-border-strong bg-surface px-2.5 text-sm'

function ReplayOptionsForm({
  form,
  update,
  single,
}: {
  form: ReplayForm
  update: (patch: Partial<ReplayForm>) => void
  single?: ReplayTarget['single']
}) {
  return (
    <fieldset className="grid gap-3 sm:grid-cols-2">
      <legend className="sr-only">Replay options</legend>
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Target topic</span>
        <input
          data-testid="replay-target-topic"
          value={form.targetTopic}
          onChange={(e) => update({ targetTopic: e.target.value })}
          placeholder="each record's source topic"
          spellCheck={false}
          className={`${INPUT} font-mono`}
        />
      </label>
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Rate limit (messages/s)</span>
        <input
          data-testid="replay-rate-limit"
          value={form.rateLimit}
          onChange={(e) => update({ rateLimit: e.target.value })}
          placeholder="as fast as the cluster takes them"
          inputMode="decimal"
          className={INPUT}
        />
      </label>
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Partition</span>
        <select
          data-testid="replay-partitioning"
          value={form.partitioning}
          onChange={(e) => update({ partitioning: e.target.value as ReplayForm['partitioning'] })}
          className={`${INPUT} cursor-pointer`}
        >
          <option value="original">the original partition (when known)</option>
          <option value="key">chosen by the key (default partitioner)</option>
        </select>
      </label>
      <div className="flex flex-col justify-end gap-1 text-sm">
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            data-testid="replay-keep-key"
            checked={form.keepKey}
            onChange={(e) => update({ keepKey: e.target.checked })}
          />
          Keep the key
        </label>
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            data-testid="replay-strip-headers"
            checked={form.stripErrorHeaders}
            onChange={(e) => update({ stripErrorHeaders: e.target.checked })}
          />
          Drop the dead-letter error headers
        </label>
      </div>
      {single && (
        <div className="flex flex-col gap-1 text-sm sm:col-span-2">
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              data-testid="replay-edit-value"
              checked={form.editedValue !== null}
              onChange={(e) => update({ editedValue: e.target.checked ? single.value : null })}
            />
            Edit the value before sending{single.isJson ? ' (must stay valid JSON)' : ''}
          </label>
          {form.editedValue !== null && (
            <textarea
              data-testid="replay-value-editor"
              value={form.editedValue}
              onChange={(e) => update({ editedValue: e.target.value })}
              spellCheck={false}
              rows={8}
              className="rounded-md border border-border-strong bg-surface p-2 font-mono text-xs"
            />
          )}
        </div>
      )}
    </fieldset>
  )
}
