import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { DeleteGroupOffsetsResult, DeleteGroupResult } from '@/lib/groups/actions/types'
import type { ResetOffsetsPreview, ResetOffsetsRequest, ResetOffsetsResult } from '@/lib/lag/reset-offsets/types'
import { fetchJson } from './fetch-json'
import { groupDetailUrl, groupKeys } from './groups'

export const resetOffsetsUrl = (clusterId: string, groupId: string) =>
  `${groupDetailUrl(clusterId, groupId)}/offsets/reset`

export const groupTopicOffsetsUrl = (clusterId: string, groupId: string, topic: string) =>
  `${groupDetailUrl(clusterId, groupId)}/offsets/${encodeURIComponent(topic)}`

const sendJson = <T>(url: string, method: 'POST' | 'DELETE', body?: unknown) =>
  fetchJson<T>(url, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  })

/** The dry run: what a reset would do now. Changes nothing, so nothing is invalidated. */
export const usePreviewOffsetReset = (clusterId: string, groupId: string) =>
  useMutation({
    mutationFn: (request: ResetOffsetsRequest) =>
      sendJson<ResetOffsetsPreview>(resetOffsetsUrl(clusterId, groupId), 'POST', { ...request, dryRun: true }),
  })

/** Executes a reset (the server plans it again); the group's offsets and lag change, so its queries refetch. */
export const useExecuteOffsetReset = (clusterId: string, groupId: string) => {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (request: ResetOffsetsRequest) =>
      sendJson<ResetOffsetsResult>(resetOffsetsUrl(clusterId, groupId), 'POST', { ...request, dryRun: false }),
    onSettled: () => client.invalidateQueries({ queryKey: groupKeys.all(clusterId) }),
  })
}

/** Deletes the group: the list refetches (the open detail page then answers 404 and offers the way back). */
export const useDeleteGroup = (clusterId: string, groupId: string) => {
  const client = useQueryClient()
  return useMutation({
    mutationFn: () => sendJson<DeleteGroupResult>(groupDetailUrl(clusterId, groupId), 'DELETE'),
    onSettled: () => client.invalidateQueries({ queryKey: groupKeys.list(clusterId) }),
  })
}

/** Deletes the group's committed offsets on one topic. */
export const useDeleteGroupOffsets = (clusterId: string, groupId: string) => {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (topic: string) =>
      sendJson<DeleteGroupOffsetsResult>(groupTopicOffsetsUrl(clusterId, groupId, topic), 'DELETE'),
    onSettled: () => client.invalidateQueries({ queryKey: groupKeys.all(clusterId) }),
  })
}
