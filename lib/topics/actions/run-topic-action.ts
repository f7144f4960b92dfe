import 'server-only'
import { alterTopicConfigs, planAlterTopicConfigs } from './alter-topic-configs'
import { deleteTopic, planDeleteTopic } from './delete-topic'
import { planPurge, purgeTopic } from './purge-topic'
import type { TopicActionBody } from './schema'

/** Dispatches one validated action body to its preview (dryRun) or its execution. */
export function runTopicAction(clusterId: string, topic: string, body: TopicActionBody, actor: string) {
  switch (body.action) {
    case 'delete':
      return body.dryRun ? planDeleteTopic(clusterId, topic) : deleteTopic(clusterId, topic, actor)
    case 'alter-configs': {
      const request = { set: body.set, delete: body.delete }
      return body.dryRun
        ? planAlterTopicConfigs(clusterId, topic, request)
        : alterTopicConfigs(clusterId, topic, request, actor)
    }
    case 'purge': {
      const request = {
        ...(body.partitions ? { partitions: body.partitions } : {}),
        ...(body.beforeOffset ? { beforeOffset: body.beforeOffset } : {}),
      }
      return body.dryRun ? planPurge(clusterId, topic, request) : purgeTopic(clusterId, topic, request, actor)
    }
  }
}
