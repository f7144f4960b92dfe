'use client'

import { useState } from 'react'
import { ActionDialog, AuditNote, DangerButton, DialogNotice } from '@/components/groups/action-dialog'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { ErrorState } from '@/components/ui/error-state'
import { Skeleton } from '@/components/ui/skeleton'
import type { AuditStatus } from '@/lib/audit/types'
import { useCancelReplayJob } from '@/lib/client/dlq'
import { describeTargets, isFinalJobState, jobFraction, useReplayJob } from '@/lib/client/dlq-replay'
import { formatCount, formatLagDuration } from '@/lib/client/format'
import type { ReplayJob, ReplayJobState } from '@/lib/dlq/api-types'

const STATE_TONE: Record<ReplayJobState, 'accent' | 'warning' | 'success' | 'danger' | 'neutral'> = {
  running: 'accent',
  cancelling: 'warning',
  cancelled: 'neutral',
  completed: 'success',
  failed: 'danger',
  interrupted: 'warning',
}

export function JobStateBadge({ state, testId }: { state: ReplayJobState; testId?: string }) {
  return (
    <Badge tone={STATE_TONE[state]} data-testid={testId} data-state={state}>
      {state}
    </Badge>
  )
}

type Props = { clusterId: string; jobId: string; initial?: ReplayJob; audit?: AuditStatus; readOnly?: boolean }

/** One replay job as it runs: progress, rate, ETA, refusals, a confirmed Cancel; where the copies went once over. */
export function ReplayJobProgress({ clusterId, jobId, initial, audit, readOnly }: Props) {
  const { data: job, error, refetch, isFetching, streaming } = useReplayJob(clusterId, jobId, initial)
  const cancel = useCancelReplayJob(clusterId)
  const [confirming, setConfirming] = useState(false)
  if (!job) {
    if (error)
      return <ErrorState title="Cannot read the job" error={error} onRetry={() => refetch()} retrying={isFetching} />
    return <Skeleton className="h-16 w-full" />
  }
  const final = isFinalJobState(job.state)
  const pct = Math.round(jobFraction(job) * 100)
  return (
    <div className="flex flex-col gap-3" data-testid="replay-job" data-job-id={job.id} data-state={job.state}>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-mono text-xs text-muted">job {job.id}</span>
        <JobStateBadge state={job.state} testId="replay-job-state" />
        <span className="text-xs text-muted">{streaming && !final ? 'live' : final ? '' : 'polling'}</span>
      </div>
      <div
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        className="h-2 overflow-hidden rounded bg-surface-muted"
      >
        <div
          className={job.state === 'failed' ? 'h-full bg-danger' : 'h-full bg-accent transition-all'}
          style={{ width: `${pct}%` }}
        />
      </div>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
        <dt className="text-muted">Sent</dt>
        <dd data-testid="replay-job-done" className="tabular-nums">
          {formatCount(job.done)} / {formatCount(job.total)}
        </dd>
        <dt className="text-muted">Refused</dt>
        <dd data-testid="replay-job-refused" className="tabular-nums">
          {formatCount(job.refused)}
        </dd>
        <dt className="text-muted">Rate</dt>
        <dd className="tabular-nums">{job.ratePerSec.toFixed(1)}/s</dd>
        <dt className="text-muted">ETA</dt>
        <dd className="tabular-nums">{!final && job.etaMs !== undefined ? formatLagDuration(job.etaMs) : '—'}</dd>
      </dl>
      {job.error && <DialogNotice tone="danger">{job.error}</DialogNotice>}
      {job.state === 'interrupted' && (
        <DialogNotice tone="warning">
          The server stopped while this job ran; the dead letters it had not sent yet are still pending.
        </DialogNotice>
      )}
      {final && job.targets.length > 0 && (
        <div data-testid="replay-job-targets" className="text-sm">
          <p className="font-medium">Copies written</p>
          <ul className="list-disc pl-5 font-mono text-xs">
            {describeTargets(job).map((line, i) => (
              <li key={line} data-testid={`replay-job-target-${i}`}>
                {line}
              </li>
            ))}
          </ul>
        </div>
      )}
      {audit && <AuditNote audit={audit} />}
      {cancel.data && <AuditNote audit={cancel.data.audit} />}
      {cancel.error && <ErrorState title="The job was not cancelled" error={cancel.error} />}
      {!final && !readOnly && (
        <div className="flex justify-end gap-2">
          {confirming ? (
            <>
              <span className="self-center text-sm">Stop the replay? Records already sent stay sent.</span>
              <Button size="sm" onClick={() => setConfirming(false)}>
                Keep running
              </Button>
              <DangerButton
                size="sm"
                data-testid="replay-job-cancel-confirm"
                disabled={cancel.isPending || job.state === 'cancelling'}
                onClick={() => cancel.mutate(job.id, { onSettled: () => setConfirming(false) })}
              >
                Cancel job
              </DangerButton>
            </>
          ) : (
            <Button
              size="sm"
              data-testid="replay-job-cancel"
              disabled={job.state === 'cancelling'}
              onClick={() => setConfirming(true)}
            >
              Cancel…
            </Button>
          )}
        </div>
      )}
    </div>
  )
}

export function ReplayJobDialog({ clusterId, jobId, onClose, readOnly }: Props & { onClose: () => void }) {
  return (
    <ActionDialog
      title="Replay job"
      onClose={onClose}
      testId="replay-job-dialog"
      className="w-[min(40rem,calc(100vw-2rem))]"
      footer={<Button onClick={onClose}>Close</Button>}
    >
      <ReplayJobProgress clusterId={clusterId} jobId={jobId} readOnly={readOnly} />
    </ActionDialog>
  )
}
