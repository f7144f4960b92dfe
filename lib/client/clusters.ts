import { queryOptions, useQuery } from '@tanstack/react-query'
import type { ClusterOverview } from '@/lib/cluster/types'
import type { ClusterSummary } from '@/lib/config/types'
import { fetchJson } from './fetch-json'

export const OVERVIEW_POLL_MS = 10_000

export type ClusterList = { clusters: ClusterSummary[]; configSource: string }

export const clusterKeys = {
  all: ['clusters'] as const,
  list: () => [...clusterKeys.all, 'list'] as const,
  detail: (clusterId: string) => [...clusterKeys.all, clusterId] as const,
  overview: (clusterId: string) => [...clusterKeys.detail(clusterId), 'overview'] as const,
}

export const clustersQuery = () =>
  queryOptions({
    queryKey: clusterKeys.list(),
    queryFn: ({ signal }) => fetchJson<ClusterList>('/api/clusters', { signal }),
    // The list is the server's config: it changes only on restart.
    staleTime: 5 * 60_000,
  })

export const clusterOverviewQuery = (clusterId: string) =>
  queryOptions({
    queryKey: clusterKeys.overview(clusterId),
    queryFn: ({ signal }) =>
      fetchJson<ClusterOverview>(`/api/clusters/${encodeURIComponent(clusterId)}/overview`, { signal }),
    refetchInterval: OVERVIEW_POLL_MS,
  })

export const useClusters = () => useQuery(clustersQuery())

export const useClusterOverview = (clusterId: string) => useQuery(clusterOverviewQuery(clusterId))
