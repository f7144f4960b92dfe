import { queryOptions, useQuery } from '@tanstack/react-query'
import type { TopicConfigs, TopicConsumers, TopicDetail } from '@/lib/topics/topic-detail-types'
import { fetchJson } from './fetch-json'
import { topicKeys } from './topics'

/** Watermarks and lag move while the operator watches; configs change rarely. */
export const TOPIC_DETAIL_POLL_MS = 10_000
export const TOPIC_CONSUMERS_POLL_MS = 10_000
export const TOPIC_CONFIGS_STALE_MS = 30_000

export const topicDetailKeys = {
  all: (clusterId: string, topic: string) => [...topicKeys.all(clusterId), 'detail', topic] as const,
  detail: (clusterId: string, topic: string) => [...topicDetailKeys.all(clusterId, topic), 'partitions'] as const,
  configs: (clusterId: string, topic: string) => [...topicDetailKeys.all(clusterId, topic), 'configs'] as const,
  consumers: (clusterId: string, topic: string) => [...topicDetailKeys.all(clusterId, topic), 'consumers'] as const,
}

export const topicDetailUrl = (clusterId: string, topic: string) =>
  `/api/clusters/${encodeURIComponent(clusterId)}/topics/${encodeURIComponent(topic)}`

export const topicDetailQuery = (clusterId: string, topic: string) =>
  queryOptions({
    queryKey: topicDetailKeys.detail(clusterId, topic),
    queryFn: ({ signal }) => fetchJson<TopicDetail>(topicDetailUrl(clusterId, topic), { signal }),
    refetchInterval: TOPIC_DETAIL_POLL_MS,
  })

export const topicConfigsQuery = (clusterId: string, topic: string) =>
  queryOptions({
    queryKey: topicDetailKeys.configs(clusterId, topic),
    queryFn: ({ signal }) => fetchJson<TopicConfigs>(`${topicDetailUrl(clusterId, topic)}/configs`, { signal }),
    staleTime: TOPIC_CONFIGS_STALE_MS,
  })

export const topicConsumersQuery = (clusterId: string, topic: string) =>
  queryOptions({
    queryKey: topicDetailKeys.consumers(clusterId, topic),
    queryFn: ({ signal }) => fetchJson<TopicConsumers>(`${topicDetailUrl(clusterId, topic)}/consumers`, { signal }),
    refetchInterval: TOPIC_CONSUMERS_POLL_MS,
  })

export const useTopicDetail = (clusterId: string, topic: string) => useQuery(topicDetailQuery(clusterId, topic))
export const useTopicConfigs = (clusterId: string, topic: string) => useQuery(topicConfigsQuery(clusterId, topic))
export const useTopicConsumers = (clusterId: string, topic: string) => useQuery(topicConsumersQuery(clusterId, topic))
