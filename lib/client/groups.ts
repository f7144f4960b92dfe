import { queryOptions, useQuery } from '@tanstack/react-query'
import type { GroupList } from '@/lib/groups/types'
import type { GroupDetail } from '@/lib/lag/types'
import { clusterKeys } from './clusters'
import { fetchJson } from './fetch-json'

/** The list carries a lag summary per group: fresh enough at 10 s without re-reading thousands of offsets. */
export const GROUPS_POLL_MS = 10_000
/** One group's page is what the operator is watching: its lag moves faster. */
export const GROUP_DETAIL_POLL_MS = 5_000

export const groupKeys = {
  all: (clusterId: string) => [...clusterKeys.detail(clusterId), 'groups'] as const,
  list: (clusterId: string) => [...groupKeys.all(clusterId), 'list'] as const,
  detail: (clusterId: string, groupId: string) => [...groupKeys.all(clusterId), 'detail', groupId] as const,
}

export const groupsUrl = (clusterId: string) => `/api/clusters/${encodeURIComponent(clusterId)}/groups`

export const groupDetailUrl = (clusterId: string, groupId: string) =>
  `${groupsUrl(clusterId)}/${encodeURIComponent(groupId)}`

export const groupsQuery = (clusterId: string) =>
  queryOptions({
    queryKey: groupKeys.list(clusterId),
    queryFn: ({ signal }) => fetchJson<GroupList>(groupsUrl(clusterId), { signal }),
    refetchInterval: GROUPS_POLL_MS,
  })

export const groupDetailQuery = (clusterId: string, groupId: string) =>
  queryOptions({
    queryKey: groupKeys.detail(clusterId, groupId),
    queryFn: ({ signal }) => fetchJson<GroupDetail>(groupDetailUrl(clusterId, groupId), { signal }),
    refetchInterval: GROUP_DETAIL_POLL_MS,
  })

export const useGroups = (clusterId: string) => useQuery(groupsQuery(clusterId))

export const useGroupDetail = (clusterId: string, groupId: string) => useQuery(groupDetailQuery(clusterId, groupId))
