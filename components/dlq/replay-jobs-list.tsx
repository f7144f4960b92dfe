'use client'

import { useState } from 'react'
import { Card, CardHeader } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { ErrorState } from '@/components/ui/error-state'
import { TableSkeleton } from '@/components/ui/skeleton'
import { useClusterReadOnly, useReplayJobs } from '@/lib/client/dlq'
import { formatCount } from '@/lib/client/format'
import { JobStateBadge, ReplayJobDialog } from './replay-job-progress'

const TH = 'px-3 py-2 text-left text-xs font-medium text-muted'

/** Recent replay jobs, newest first; a row opens the job's progress. */
export function ReplayJobsList({ clusterId }: { clusterId: string }) {
  const { data, error, isPending, refetch, isFetching } = useReplayJobs(clusterId)
  const readOnly = useClusterReadOnly(clusterId)
  const [open, setOpen] = useState<string | null>(null)
  let body: React.ReactNode
  if (isPending) body = <TableSkeleton rows={3} columns={5} label="Loading the replay jobs" />
  else if (!data)
    body = (
      <ErrorState
        className="m-4"
        title="Cannot load the replay jobs"
        error={error}
        onRetry={() => refetch()}
        retrying={isFetching}
      />
    )
  else if (data.jobs.length === 0)
    body = (
      <EmptyState
        className="m-4"
        title="No replay jobs yet"
        description={data.state.ok ? undefined : `Jobs cannot be kept: ${data.state.reason ?? data.state.topic}`}
      />
    )
  else {
    const jobs = [...data.jobs].sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    body = (
      <table className="w-full text-sm" data-testid="replay-jobs-table">
        <thead className="border-b border-border bg-surface-muted">
          <tr>
            <th className={TH}>Started</th>
            <th className={TH}>Dead-letter topic</th>
            <th className={TH}>State</th>
            <th className={`${TH} text-right`}>Sent / total</th>
            <th className={`${TH} text-right`}>Refused</th>
            <th className={TH}>By</th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((j) => (
            <tr
              key={j.id}
              data-testid={`replay-job-row-${j.id}`}
              onClick={() => setOpen(j.id)}
              className="cursor-pointer border-b border-border last:border-0 hover:bg-surface-muted"
            >
              <td className="px-3 py-2 text-xs">{new Date(j.createdAt).toLocaleString()}</td>
              <td className="px-3 py-2 font-mono text-xs">{j.dlqTopic}</td>
              <td className="px-3 py-2">
                <JobStateBadge state={j.state} />
              </td>
              <td className="px-3 py-2 text-right tabular-nums">
                {formatCount(j.done)} / {formatCount(j.total)}
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{formatCount(j.refused)}</td>
              <td className="px-3 py-2 text-xs text-muted">{j.createdBy}</td>
            </tr>
          ))}
        </tbody>
      </table>
    )
  }
  return (
    <Card data-testid="replay-jobs">
      <CardHeader title="Replay jobs" description="Recent replays on this cluster" />
      {body}
      {open && <ReplayJobDialog clusterId={clusterId} jobId={open} readOnly={readOnly} onClose={() => setOpen(null)} />}
    </Card>
  )
}
