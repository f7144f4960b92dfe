'use client'

import Link from 'next/link'
import { type ReactNode, Suspense } from 'react'
import { RefreshNote } from '@/components/groups/refresh-note'
import { MessageExplorer } from '@/components/messages/message-explorer'
import { ProduceButton } from '@/components/messages/produce-dialog'
import { Badge } from '@/components/ui/badge'
import { Card } from '@/components/ui/card'
import { cn } from '@/components/ui/cn'
import { ErrorState } from '@/components/ui/error-state'
import { PageHeader } from '@/components/ui/page-header'
import { Skeleton, TableSkeleton } from '@/components/ui/skeleton'
import { HttpError } from '@/lib/client/fetch-json'
import { formatBytes, formatCount } from '@/lib/client/format'
import { TOPIC_DETAIL_POLL_MS, useTopicDetail } from '@/lib/client/topic-detail'
import { clusterHref } from '@/lib/nav'
import type { TopicDetail } from '@/lib/topics/topic-detail-types'
import { TopicActions } from './topic-actions'
import { TopicConfigsTable } from './topic-configs-table'
import { TopicConsumersTable } from './topic-consumers-table'
import { TOPIC_TAB_LABELS, TOPIC_TABS, type TopicTab, topicTabHref } from './topic-detail-model'
import { TopicPartitionsTable } from './topic-partitions-table'

type TopicDetailViewProps = { clusterId: string; topic: string; tab: TopicTab }

/** One topic: header with its numbers and flags, and tabs (partitions, configs, consumers, messages) in the URL. */
export function TopicDetailView({ clusterId, topic, tab }: TopicDetailViewProps) {
  const { data, error, isPending, isFetching, refetch } = useTopicDetail(clusterId, topic)
  const notFound = error instanceof HttpError && error.status === 404

  return (
    <>
      <Link
        href={clusterHref(clusterId, 'topics')}
        className="mb-1 inline-block text-xs text-muted hover:text-accent hover:underline"
      >
        ← Topics
      </Link>
      <PageHeader
        title={
          <span className="font-mono" title={topic} data-testid="topic-detail-name">
            {topic}
          </span>
        }
        description={data ? <TopicFlags detail={data} /> : 'Topic'}
        actions={
          <div className="flex flex-col items-end gap-2">
            <div className="flex flex-wrap items-center gap-2">
              <ProduceButton clusterId={clusterId} topic={topic} />
              <TopicActions clusterId={clusterId} topic={topic} />
            </div>
            {data && (
              <RefreshNote
                fetchedAt={data.fetchedAt}
                fetching={isFetching}
                failed={!!error}
                everyMs={TOPIC_DETAIL_POLL_MS}
              />
            )}
          </div>
        }
      />
      {error && (
        <ErrorState
          title={notFound ? 'Topic not found' : data ? 'Refreshing the topic failed' : 'Cannot load the topic'}
          error={error}
          onRetry={() => refetch()}
          retrying={isFetching}
          className="mb-5"
        >
          {notFound && (
            <Link href={clusterHref(clusterId, 'topics')} className="text-sm font-medium text-accent hover:underline">
              Back to all topics
            </Link>
          )}
        </ErrorState>
      )}
      {!notFound && (
        <div className="flex flex-col gap-5">
          {isPending ? <Skeleton className="h-16 w-full" /> : data && <TopicFacts detail={data} />}
          <TopicTabs clusterId={clusterId} topic={topic} current={tab} />
          <div data-testid={`topic-panel-${tab}`}>
            {tab === 'partitions' &&
              (isPending ? (
                <TableSkeleton rows={6} columns={8} label="Loading partitions…" />
              ) : (
                data && <TopicPartitionsTable detail={data} />
              ))}
            {tab === 'configs' && <TopicConfigsTable clusterId={clusterId} topic={topic} />}
            {tab === 'consumers' && <TopicConsumersTable clusterId={clusterId} topic={topic} />}
            {tab === 'messages' && (
              // The explorer reads its state from the URL (useSearchParams), which needs a Suspense boundary.
              <Suspense fallback={<TableSkeleton rows={8} columns={5} label="Loading the message explorer" />}>
                <MessageExplorer clusterId={clusterId} topic={topic} />
              </Suspense>
            )}
          </div>
        </div>
      )}
    </>
  )
}

function TopicFlags({ detail }: { detail: TopicDetail }) {
  return (
    <span className="mt-1 flex flex-wrap items-center gap-2">
      <span>Topic</span>
      {detail.internal && <Badge data-testid="topic-flag-internal">internal</Badge>}
      {detail.offlinePartitions > 0 && (
        <Badge tone="danger" data-testid="topic-flag-offline">
          {formatCount(detail.offlinePartitions)} offline
        </Badge>
      )}
      {detail.underReplicatedPartitions > 0 && (
        <Badge tone="warning" data-testid="topic-flag-under-replicated">
          {formatCount(detail.underReplicatedPartitions)} under-replicated
        </Badge>
      )}
      {detail.topicId && (
        <span className="font-mono text-xs text-muted" title="Topic id">
          {detail.topicId}
        </span>
      )}
    </span>
  )
}

function Fact({
  label,
  children,
  testId,
  hint,
}: {
  label: string
  children: ReactNode
  testId: string
  hint?: string
}) {
  return (
    <div className="min-w-0 bg-surface px-4 py-2.5">
      <dt className="text-xs font-medium text-muted">{label}</dt>
      <dd data-testid={testId} className="mt-0.5 truncate text-sm font-medium tabular-nums" title={hint}>
        {children}
      </dd>
    </div>
  )
}

function TopicFacts({ detail }: { detail: TopicDetail }) {
  return (
    <Card className="overflow-hidden">
      {/* gap-px over a border-coloured background draws the cell dividers at every breakpoint. */}
      <dl className="grid grid-cols-2 gap-px bg-border md:grid-cols-4">
        <Fact label="Partitions" testId="topic-detail-partitions">
          {formatCount(detail.partitionCount)}
        </Fact>
        <Fact label="Replication factor" testId="topic-detail-rf">
          {formatCount(detail.replicationFactor)}
        </Fact>
        <Fact label="Messages" testId="topic-detail-messages" hint="Σ high − low watermark">
          {formatCount(detail.messageCount)}
        </Fact>
        <Fact
          label="Size"
          testId="topic-detail-size"
          hint={
            detail.logSizesUnavailable
              ? `Log sizes unavailable: ${detail.logSizesUnavailable}`
              : 'Largest replica per partition, summed'
          }
        >
          {detail.sizeBytes === null ? (
            <span className="font-normal text-muted">unavailable</span>
          ) : (
            formatBytes(detail.sizeBytes)
          )}
        </Fact>
      </dl>
    </Card>
  )
}

function TopicTabs({ clusterId, topic, current }: { clusterId: string; topic: string; current: TopicTab }) {
  return (
    <nav aria-label="Topic sections" className="border-b border-border">
      {/* Links, not ARIA tabs: each section has its own URL (?tab=…), so back/forward and sharing work. */}
      <ul className="-mb-px flex gap-1">
        {TOPIC_TABS.map((t) => (
          <li key={t}>
            <Link
              href={topicTabHref(clusterId, topic, t)}
              replace
              scroll={false}
              aria-current={t === current ? 'page' : undefined}
              data-active={t === current ? 'true' : 'false'}
              data-testid={`topic-tab-${t}`}
              className={cn(
                'inline-block border-b-2 px-3 py-2 text-sm font-medium',
                t === current
                  ? 'border-accent text-foreground'
                  : 'border-transparent text-muted hover:border-border-strong hover:text-foreground',
              )}
            >
              {TOPIC_TAB_LABELS[t]}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  )
}
