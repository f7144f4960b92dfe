'use client'

import Link from 'next/link'
import type { ReactNode } from 'react'
import { ErrorState } from '@/components/ui/error-state'
import { PageHeader } from '@/components/ui/page-header'
import { Skeleton, TableSkeleton } from '@/components/ui/skeleton'
import { HttpError } from '@/lib/client/fetch-json'
import { GROUP_DETAIL_POLL_MS, useGroupDetail } from '@/lib/client/groups'
import type { GroupDescription } from '@/lib/groups/types'
import { clusterHref } from '@/lib/nav'
import { GroupActions } from './group-actions'
import { GroupStateBadge, GroupTypeBadge } from './group-badges'
import { GroupFacts } from './group-facts'
import { isConsumerGroup } from './group-labels'
import { GroupMembersTable } from './group-members-table'
import { GroupNotes } from './group-notes'
import { GroupPartitionsTable } from './group-partitions-table'
import { GroupVerdictPanel } from './group-verdict-panel'
import { LagHistoryChart } from './lag-history-chart'
import { RefreshNote } from './refresh-note'

type GroupDetailViewProps = { clusterId: string; groupId: string }

export function GroupDetailView({ clusterId, groupId }: GroupDetailViewProps) {
  const { data, error, isPending, isFetching, refetch } = useGroupDetail(clusterId, groupId)

  if (isPending) {
    return (
      <Frame clusterId={clusterId} groupId={groupId}>
        <div role="status" aria-label="Loading the group" className="flex flex-col gap-5">
          <Skeleton className="h-14 w-full" />
          <TableSkeleton rows={3} columns={5} />
          <TableSkeleton rows={6} columns={6} />
        </div>
      </Frame>
    )
  }

  const notFound = error instanceof HttpError && error.status === 404
  // After a failed refresh the last data stays on screen under the error, so the operator keeps the context.
  const errorBlock = error && (
    <ErrorState
      title={notFound ? 'Group not found' : data ? 'Refreshing the group failed' : 'Cannot load the group'}
      error={error}
      onRetry={() => refetch()}
      retrying={isFetching}
      className="mb-5"
    >
      {notFound && (
        <Link href={clusterHref(clusterId, 'groups')} className="text-sm font-medium text-accent hover:underline">
          Back to all groups
        </Link>
      )}
    </ErrorState>
  )

  if (!data) {
    return (
      <Frame clusterId={clusterId} groupId={groupId}>
        {errorBlock}
      </Frame>
    )
  }

  const g = data.group
  const consumer = isConsumerGroup(g)
  return (
    <Frame
      clusterId={clusterId}
      groupId={groupId}
      description={<GroupHeaderLine group={g} />}
      actions={
        <div className="flex flex-col items-end gap-2">
          <GroupActions clusterId={clusterId} detail={data} />
          <RefreshNote
            fetchedAt={data.fetchedAt}
            fetching={isFetching}
            failed={!!error}
            everyMs={GROUP_DETAIL_POLL_MS}
          />
        </div>
      }
    >
      {errorBlock}
      <div className="flex flex-col gap-5">
        <GroupNotes notes={[g.unsupportedReason]} testId="group-unsupported" />
        {data.verdict && <GroupVerdictPanel verdict={data.verdict} />}
        <GroupFacts detail={data} />
        {data.verdict && <LagHistoryChart clusterId={clusterId} groupId={groupId} />}
        <GroupMembersTable members={g.members} consumer={consumer} />
        <GroupPartitionsTable
          partitions={data.partitions}
          consumer={consumer}
          offsetKind={data.offsetKind}
          verdicts={data.verdict?.partitions}
          now={Date.parse(data.fetchedAt)}
        />
      </div>
    </Frame>
  )
}

function GroupHeaderLine({ group: g }: { group: GroupDescription }) {
  return (
    <span className="mt-1 flex flex-wrap items-center gap-2">
      <GroupTypeBadge group={g} testId="group-detail-type" />
      <GroupStateBadge state={g.state} testId="group-detail-state" />
      <span data-testid="group-detail-described-with" className="text-xs text-muted">
        described with {g.describedWith}
      </span>
    </span>
  )
}

type FrameProps = {
  clusterId: string
  groupId: string
  description?: ReactNode
  actions?: ReactNode
  children: ReactNode
}

/** The page chrome, the same in every state so the header does not jump when data arrives. */
function Frame({ clusterId, groupId, description, actions, children }: FrameProps) {
  return (
    <>
      <Link
        href={clusterHref(clusterId, 'groups')}
        className="mb-1 inline-block text-xs text-muted hover:text-accent hover:underline"
      >
        ← Consumer groups
      </Link>
      <PageHeader
        title={
          <span className="font-mono" title={groupId}>
            {groupId}
          </span>
        }
        description={description ?? 'Consumer group'}
        actions={actions}
      />
      {children}
    </>
  )
}
