'use client'

import { useState } from 'react'
import { ActionDialog, DialogNotice } from '@/components/groups/action-dialog'
import { Button } from '@/components/ui/button'
import { ErrorState } from '@/components/ui/error-state'
import { type PerTopic, READ_ONLY_REASON, useReplayDryRuns, useStartReplays } from '@/lib/client/dlq'
import { DEFAULT_REPLAY_FORM, type ReplayForm, replayOptionsOf } from '@/lib/client/dlq-replay'
import { formatCount, pluralize } from '@/lib/client/format'
import type { ReplayPlan } from '@/lib/dlq/api-types'
import type { TopicSelection } from './dlq-model'
import { ReplayJobProgress } from './replay-job-progress'
import { ReplayPlanView } from './replay-plan-view'

export type ReplayTarget = TopicSelection & {
  /** The one selected record's value, when exactly one is replayed (its value may then be edited). */
  single?: { value: string; isJson: boolean }
}

type Props = { clusterId: string; targets: ReplayTarget[]; readOnly: boolean; onClose: () => void }

/** What the targets are, in words: "3 dead letters of a.DLT", "all matching dead letters of 2 DLQ topics". */
export function targetsInWords(targets: readonly TopicSelection[]): React.ReactNode {
  const known = targets.every((t) => t.count !== null)
  const count = targets.reduce((n, t) => n + (t.count ?? 0), 0)
  const what = known ? pluralize(count, 'dead letter') : 'all matching dead letters'
  if (targets.length === 1) {
    return (
      <>
        {what} of <span className="font-mono">{targets[0]!.dlqTopic}</span>
      </>
    )
  }
  return (
    <>
      {what} of {targets.length} dead-letter topics (
      <span className="font-mono">{targets.map((t) => t.dlqTopic).join(', ')}</span>)
    </>
  )
}

/**
 * Replay options, a mandatory dry run showing the plan (one per DLQ topic), then the confirmed replay: one job per
 * DLQ topic with something to send.
 */
export function ReplayDialog({ clusterId, targets, readOnly, onClose }: Props) {
  const [form, setForm] = useState<ReplayForm>(DEFAULT_REPLAY_FORM)
  const dryRun = useReplayDryRuns(clusterId)
  const start = useStartReplays(clusterId)
  const single = targets.length === 1 ? targets[0]!.single : undefined
  const parsed = replayOptionsOf(form, single ? { originalWasJson: single.isJson } : null)
  const requests =
    'options' in parsed
      ? targets.map((t) => ({ dlqTopic: t.dlqTopic, selection: t.selection, options: parsed.options }))
      : null
  // Any change to the options makes the shown plan stale: the operator must look at the new one.
  const update = (patch: Partial<ReplayForm>) => {
    setForm((f) => ({ ...f, ...patch }))
    dryRun.reset()
  }
  const plans = dryRun.data
  const planned = plans?.filter((p): p is PerTopic<ReplayPlan> & { ok: true } => p.ok) ?? []
  const unplanned = plans?.filter((p): p is PerTopic<ReplayPlan> & { ok: false } => !p.ok) ?? []
  const toSend = planned.reduce((n, p) => n + p.value.toSend, 0)
  const ready = !!plans && unplanned.length === 0 && toSend > 0
  const started = start.data
  return (
    <ActionDialog
      title="Replay dead letters"
      description={
        <>Sends {targetsInWords(targets)} again. The dead letters stay in their topic and are marked replayed.</>
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
              disabled={!requests || dryRun.isPending}
              onClick={() => requests && dryRun.mutate(requests)}
            >
              {dryRun.isPending ? 'Planning…' : 'Dry run'}
            </Button>
            <Button
              variant="primary"
              data-testid="replay-confirm"
              title={readOnly ? READ_ONLY_REASON : plans ? undefined : 'Run the dry run first'}
              disabled={readOnly || !requests || !ready || start.isPending}
              onClick={() => {
                // Only the topics with something to send get a job.
                const sending = new Set(planned.filter((p) => p.value.toSend > 0).map((p) => p.dlqTopic))
                if (requests) start.mutate(requests.filter((r) => sending.has(r.dlqTopic)))
              }}
            >
              {start.isPending ? 'Starting…' : plans ? `Replay ${formatCount(toSend)}` : 'Replay'}
            </Button>
          </>
        )
      }
    >
      {started ? (
        <div className="flex flex-col gap-4">
          {started.map((s) =>
            s.ok ? (
              <section key={s.dlqTopic} className="flex flex-col gap-1">
                {started.length > 1 && <h3 className="font-mono text-xs font-semibold">{s.dlqTopic}</h3>}
                <ReplayJobProgress
                  clusterId={clusterId}
                  jobId={s.value.job.id}
                  initial={s.value.job}
                  audit={s.value.audit}
                />
              </section>
            ) : (
              <ErrorState key={s.dlqTopic} title={`The replay of ${s.dlqTopic} did not start`} error={s.error} />
            ),
          )}
        </div>
      ) : (
        <div className="flex flex-col gap-4">
          {readOnly && (
            <DialogNotice tone="warning">{READ_ONLY_REASON}: the dry run works, the replay does not.</DialogNotice>
          )}
          <ReplayOptionsForm form={form} update={update} single={single} />
          {'error' in parsed && (
            <DialogNotice tone="danger" testId="replay-options-error">
              {parsed.error}
            </DialogNotice>
          )}
          {dryRun.error && <ErrorState title="The dry run failed" error={dryRun.error} />}
          {unplanned.map((p) => (
            <ErrorState key={p.dlqTopic} title={`The dry run of ${p.dlqTopic} failed`} error={p.error} />
          ))}
          {planned.length > 1 && (
            <p data-testid="replay-plans-summary" className="text-sm">
              Dry run of {planned.length} dead-letter topics: <strong>{formatCount(toSend)}</strong> would be sent.
            </p>
          )}
          {planned.map((p) =>
            planned.length === 1 ? (
              <ReplayPlanView key={p.dlqTopic} plan={p.value} />
            ) : (
              <section key={p.dlqTopic} data-testid={`replay-plan-of-${p.dlqTopic}`} className="flex flex-col gap-1">
                <h3 className="font-mono text-xs font-semibold">{p.dlqTopic}</h3>
                <ReplayPlanView plan={p.value} />
              </section>
            ),
          )}
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
