import { queryOptions, useQuery } from '@tanstack/react-query'
import type { LagHistory, LagHistoryRange, SamplerStatus } from '@/lib/lag/history-types'
import { clusterKeys } from './clusters'
import { fetchJson } from './fetch-json'
import { groupDetailUrl, groupKeys } from './groups'

/** Samples arrive every 30 s by default; polling at half that shows each new one within 15 s. */
export const LAG_HISTORY_POLL_MS = 15_000
export const lagHistoryKeys = {
  history: (clusterId: string, groupId: string, range: LagHistoryRange) =>
    [...groupKeys.detail(clusterId, groupId), 'history', range] as const,
  sampler: (clusterId: string) => [...clusterKeys.detail(clusterId), 'lag-sampler'] as const,
}

export const lagHistoryUrl = (clusterId: string, groupId: string, range: LagHistoryRange) =>
  `${groupDetailUrl(clusterId, groupId)}/history?range=${encodeURIComponent(range)}`

export const samplerStatusUrl = (clusterId: string) => `/api/clusters/${encodeURIComponent(clusterId)}/lag-sampler`

export const lagHistoryQuery = (clusterId: string, groupId: string, range: LagHistoryRange) =>
  queryOptions({
    queryKey: lagHistoryKeys.history(clusterId, groupId, range),
    queryFn: ({ signal }) => fetchJson<LagHistory>(lagHistoryUrl(clusterId, groupId, range), { signal }),
    refetchInterval: LAG_HISTORY_POLL_MS,
    // Switching the range keeps the group's previous chart on screen until the new one arrives (never another
    // group's chart).
    placeholderData: (previous) => (previous?.groupId === groupId ? previous : undefined),
  })

export const samplerStatusQuery = (clusterId: string) =>
  queryOptions({
    queryKey: lagHistoryKeys.sampler(clusterId),
    queryFn: ({ signal }) => fetchJson<SamplerStatus>(samplerStatusUrl(clusterId), { signal }),
    refetchInterval: LAG_HISTORY_POLL_MS,
  })

export const useLagHistory = (clusterId: string, groupId: string, range: LagHistoryRange) =>
  useQuery(lagHistoryQuery(clusterId, groupId, range))

export const useSamplerStatus = (clusterId: string) => useQuery(samplerStatusQuery(clusterId))
