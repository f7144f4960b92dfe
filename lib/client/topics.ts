import { queryOptions, useQuery } from '@tanstack/react-query'
import type { TopicList } from '@/lib/topics/types'
import { clusterKeys } from './clusters'
import { fetchJson } from './fetch-json'

export const topicKeys = {
  all: (clusterId: string) => [...clusterKeys.detail(clusterId), 'topics'] as const,
  list: (clusterId: string) => [...topicKeys.all(clusterId), 'list'] as const,
}

export const topicsQuery = (clusterId: string) =>
  queryOptions({
    queryKey: topicKeys.list(clusterId),
    queryFn: ({ signal }) => fetchJson<TopicList>(`/api/clusters/${encodeURIComponent(clusterId)}/topics`, { signal }),
    staleTime: 15_000,
  })

export const useTopics = (clusterId: string) => useQuery(topicsQuery(clusterId))
