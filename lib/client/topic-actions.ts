import { useMutation, useQueryClient } from '@tanstack/react-query'
import type {
  AlterTopicConfigsPreview,
  AlterTopicConfigsRequest,
  AlterTopicConfigsResult,
  CreateTopicRequest,
  CreateTopicResult,
  DeleteTopicPreview,
  DeleteTopicResult,
  PurgePlan,
  PurgeTopicRequest,
  PurgeTopicResult,
} from '@/lib/topics/actions/types'
import { fetchJson } from './fetch-json'
import { topicKeys } from './topics'

export const topicsUrl = (clusterId: string) => `/api/clusters/${encodeURIComponent(clusterId)}/topics`

export const topicActionsUrl = (clusterId: string, topic: string) =>
  `${topicsUrl(clusterId)}/${encodeURIComponent(topic)}/actions`

const postJson = <T>(url: string, body: unknown) =>
  fetchJson<T>(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

const act = <T>(clusterId: string, topic: string, body: Record<string, unknown>) =>
  postJson<T>(topicActionsUrl(clusterId, topic), body)

/** Validates a new topic with Kafka (validateOnly): nothing is created, nothing invalidated. */
export const useValidateTopic = (clusterId: string) =>
  useMutation({
    mutationFn: (request: CreateTopicRequest) =>
      postJson<CreateTopicResult>(topicsUrl(clusterId), { ...request, dryRun: true }),
  })

/** Creates a topic; every topic query of the cluster refetches. */
export const useCreateTopic = (clusterId: string) => {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (request: CreateTopicRequest) =>
      postJson<CreateTopicResult>(topicsUrl(clusterId), { ...request, dryRun: false }),
    onSettled: () => client.invalidateQueries({ queryKey: topicKeys.all(clusterId) }),
  })
}

/** What deleting the topic would remove (or why Ferry refuses). Changes nothing. */
export const usePreviewDeleteTopic = (clusterId: string, topic: string) =>
  useMutation({ mutationFn: () => act<DeleteTopicPreview>(clusterId, topic, { action: 'delete', dryRun: true }) })

export const useDeleteTopic = (clusterId: string, topic: string) => {
  const client = useQueryClient()
  return useMutation({
    mutationFn: () => act<DeleteTopicResult>(clusterId, topic, { action: 'delete', dryRun: false }),
    onSettled: () => client.invalidateQueries({ queryKey: topicKeys.all(clusterId) }),
  })
}

/** The config diff, validated by Kafka; with no changes it reads the current overrides. Changes nothing. */
export const usePreviewTopicConfigs = (clusterId: string, topic: string) =>
  useMutation({
    mutationFn: (request: AlterTopicConfigsRequest) =>
      act<AlterTopicConfigsPreview>(clusterId, topic, { action: 'alter-configs', dryRun: true, ...request }),
  })

export const useAlterTopicConfigs = (clusterId: string, topic: string) => {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (request: AlterTopicConfigsRequest) =>
      act<AlterTopicConfigsResult>(clusterId, topic, { action: 'alter-configs', dryRun: false, ...request }),
    onSettled: () => client.invalidateQueries({ queryKey: topicKeys.all(clusterId) }),
  })
}

/** Per partition: low/high now and how many records a purge would delete. Changes nothing. */
export const usePlanPurge = (clusterId: string, topic: string) =>
  useMutation({
    mutationFn: (request: PurgeTopicRequest) =>
      act<PurgePlan>(clusterId, topic, { action: 'purge', dryRun: true, ...request }),
  })

export const usePurgeTopic = (clusterId: string, topic: string) => {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (request: PurgeTopicRequest) =>
      act<PurgeTopicResult>(clusterId, topic, { action: 'purge', dryRun: false, ...request }),
    onSettled: () => client.invalidateQueries({ queryKey: topicKeys.all(clusterId) }),
  })
}
