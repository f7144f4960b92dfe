import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { ProduceRequest, ProduceResult } from '@/lib/messages/produce/types'
import { fetchJson } from './fetch-json'
import { topicKeys } from './topics'

export const produceUrl = (clusterId: string, topic: string) =>
  `/api/clusters/${encodeURIComponent(clusterId)}/topics/${encodeURIComponent(topic)}/produce`

/** Writes one record to the topic; its message counts change, so the cluster's topic queries refetch. */
export const useProduceMessage = (clusterId: string, topic: string) => {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (request: ProduceRequest) =>
      fetchJson<ProduceResult>(produceUrl(clusterId, topic), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: topicKeys.all(clusterId) }),
  })
}
