'use client'

import { ErrorState } from '@/components/ui/error-state'
import { PageHeader } from '@/components/ui/page-header'
import { StatGridSkeleton, TableSkeleton } from '@/components/ui/skeleton'
import { useClusterOverview } from '@/lib/client/clusters'
import { HttpError } from '@/lib/client/fetch-json'
import { BootstrapList } from './bootstrap-list'
import { BrokerTable } from './broker-table'
import { ClusterFacts } from './cluster-facts'
import { MissingBrokersAlert } from './missing-brokers-alert'
import { bootstrapFromError } from './overview-model'
import { OverviewStats } from './overview-stats'
import { RefreshStatus } from './refresh-status'

type ClusterOverviewProps = { clusterId: string }

export function ClusterOverview({ clusterId }: ClusterOverviewProps) {
  const { data, error, isPending, isFetching, refetch } = useClusterOverview(clusterId)

  if (isPending) {
    return (
      <div role="status" aria-label="Loading cluster overview">
        <PageHeader title="Overview" description={clusterId} />
        <StatGridSkeleton />
        <div className="mt-5">
          <TableSkeleton rows={3} columns={6} />
        </div>
      </div>
    )
  }

  const probes = bootstrapFromError(error)
  // After a failed refresh the last data stays on screen under the error, so the operator keeps the context.
  const errorBlock = error && (
    <ErrorState
      title={
        error instanceof HttpError && error.status === 404 ? 'Cluster not found' : 'Cannot load the cluster overview'
      }
      error={error}
      onRetry={() => refetch()}
      retrying={isFetching}
      className="mb-5"
    >
      {probes && <BootstrapList probes={probes} />}
    </ErrorState>
  )

  if (!data) {
    return (
      <>
        <PageHeader title="Overview" description={clusterId} />
        {errorBlock}
      </>
    )
  }

  return (
    <>
      <PageHeader
        title={data.clusterName}
        description="Cluster overview"
        actions={<RefreshStatus fetchedAt={data.fetchedAt} fetching={isFetching} failed={!!error} />}
      />
      {errorBlock}
      <div className="flex flex-col gap-5">
        <MissingBrokersAlert missing={data.missingBrokers} />
        <OverviewStats overview={data} />
        <div className="grid items-start gap-5 xl:grid-cols-[minmax(0,1fr)_minmax(0,24rem)]">
          <BrokerTable brokers={data.brokers} controllerId={data.controllerId} />
          <div className="flex flex-col gap-5">
            <ClusterFacts overview={data} />
            <BootstrapList probes={data.bootstrap} asCard />
          </div>
        </div>
      </div>
    </>
  )
}
