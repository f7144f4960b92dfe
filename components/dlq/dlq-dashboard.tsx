'use client'

import Link from 'next/link'
import { EmptyState } from '@/components/ui/empty-state'
import { ErrorState } from '@/components/ui/error-state'
import { StatGridSkeleton, TableSkeleton } from '@/components/ui/skeleton'
import { StatCard } from '@/components/ui/stat-card'
import { useDlqDashboard } from '@/lib/client/dlq'
import { formatCount, formatLagDuration } from '@/lib/client/format'
import type { DlqDashboard as Dashboard } from '@/lib/dlq/api-types'
import { DlqAlertBanner } from './dlq-alert'
import { ageMs, dlqExplorerHref } from './dlq-model'
import { DlqBreakdowns, DlqTopicTable } from './dlq-topic-table'
import { DlqTrendChart } from './dlq-trend-chart'
import { ReplayJobsList } from './replay-jobs-list'

/** The dead-letter overview of a cluster: totals, alerts, per-topic and per-error figures, trend and replay jobs. */
export function DlqDashboard({ clusterId }: { clusterId: string }) {
  const { data, error, isPending, isFetching, refetch, dataUpdatedAt } = useDlqDashboard(clusterId)
  if (isPending)
    return (
      <div role="status" aria-label="Loading the dead letters" className="flex flex-col gap-4">
        <StatGridSkeleton count={4} />
        <TableSkeleton rows={4} columns={8} />
      </div>
    )
  if (!data)
    return (
      <ErrorState title="Cannot load the dead letters" error={error} onRetry={() => refetch()} retrying={isFetching} />
    )
  const now = dataUpdatedAt || Date.now()
  return (
    <div className="flex flex-col gap-4" data-testid="dlq-dashboard">
      {error && (
        <ErrorState title="Refreshing failed; showing the last figures" error={error} onRetry={() => refetch()} />
      )}
      <Indexing data={data} />
      <StateProblems data={data} />
      {data.topics.length === 0 ? (
        <EmptyState
          title="No dead-letter topics found"
          description={
            <>
              Ferry recognises a dead-letter topic by its name (<code>&lt;topic&gt;.DLT</code>,{' '}
              <code>&lt;topic&gt;.dlq</code>, <code>&lt;topic&gt;-dlq</code>, <code>dlq-&lt;topic&gt;</code>…), by the
              cluster’s <code>dlq</code> configuration (explicit topics, Kafka Connect’s
              errors.deadletterqueue.topic.name) or by dead-letter headers on its records (Spring’s kafka_dlt-*,
              Connect’s __connect.errors.*).
            </>
          }
        />
      ) : (
        <Loaded clusterId={clusterId} data={data} now={now} />
      )}
      <ReplayJobsList clusterId={clusterId} />
    </div>
  )
}

function Loaded({ clusterId, data, now }: { clusterId: string; data: Dashboard; now: number }) {
  const inflow = data.topics.reduce((n, t) => n + t.inflowLastHour, 0)
  const outflow = data.topics.reduce((n, t) => n + t.outflowLastHour, 0)
  const oldest = ageMs(data.totals.oldestPendingAt, now)
  const tone = data.alert.level === 'critical' ? 'danger' : data.alert.level === 'warning' ? 'warning' : 'default'
  return (
    <>
      <DlqAlertBanner alert={data.alert} />
      <div className="grid grid-cols-2 gap-3 xl:grid-cols-4">
        <StatCard
          label="Pending"
          value={formatCount(data.totals.pending)}
          hint={
            <Link href={dlqExplorerHref(clusterId, { status: 'pending' })} className="hover:underline">
              of {formatCount(data.totals.total)} dead letters · explore
            </Link>
          }
          tone={tone}
          testId="dlq-total-pending"
        />
        <StatCard
          label="Oldest pending"
          value={oldest === null ? '—' : formatLagDuration(oldest)}
          hint={data.totals.oldestPendingAt && new Date(data.totals.oldestPendingAt).toLocaleString()}
          testId="dlq-oldest-pending"
        />
        <StatCard label="Inflow, last hour" value={formatCount(inflow)} hint="new dead letters" testId="dlq-inflow" />
        <StatCard
          label="Outflow, last hour"
          value={formatCount(outflow)}
          hint="replayed or discarded"
          testId="dlq-outflow"
        />
      </div>
      <DlqTopicTable clusterId={clusterId} data={data} now={now} />
      <DlqBreakdowns clusterId={clusterId} data={data} />
      <DlqTrendChart hourly={data.hourly} />
    </>
  )
}

function Indexing({ data }: { data: Dashboard }) {
  if (data.indexing.complete) return null
  const pct = data.indexing.total > 0 ? Math.round((data.indexing.indexed / data.indexing.total) * 100) : 0
  return (
    <div role="status" data-testid="dlq-indexing" className="rounded-lg border border-border bg-surface px-4 py-3">
      <p className="text-sm">
        Reading the dead-letter topics: {formatCount(data.indexing.indexed)} of {formatCount(data.indexing.total)}{' '}
        records indexed. The figures are partial until then.
      </p>
      <div className="mt-2 h-1.5 overflow-hidden rounded bg-surface-muted">
        <div className="h-full bg-accent transition-all" style={{ width: `${pct}%` }} />
      </div>
    </div>
  )
}

/** Replay and discard states live in Ferry's own topics; without them the page still reads, with less. */
function StateProblems({ data }: { data: Dashboard }) {
  const problems = [
    !data.state.resolutions.ok &&
      `Resolutions (which dead letters were replayed or discarded) cannot be kept in ${data.state.resolutions.topic}: ${data.state.resolutions.reason ?? 'unknown reason'}. Every dead letter shows as pending.`,
    !data.state.jobs.ok &&
      `Replay jobs cannot be kept in ${data.state.jobs.topic}: ${data.state.jobs.reason ?? 'unknown reason'}. Running jobs are lost on restart.`,
  ].filter((p): p is string => typeof p === 'string')
  if (problems.length === 0) return null
  return (
    <div
      role="alert"
      data-testid="dlq-state-problems"
      className="rounded-lg border border-warning/40 bg-warning-soft px-4 py-3 text-sm"
    >
      {problems.map((p) => (
        <p key={p}>{p}</p>
      ))}
    </div>
  )
}
