import 'server-only'
import { IncrementalAlterConfigOperationTypes } from '@platformatic/kafka'
import { recordAudit } from '@/lib/audit/record-audit'
import { ApiError } from '@/lib/errors'
import { platformaticAdminOf } from '@/lib/kafka/platformatic-admin'
import { configChanges } from './config-changes'
import { assertWritable, failureText, topicActionErrorOf, topicLayoutOf } from './guards'
import { topicOverridesOf } from './topic-overrides'
import type { AlterTopicConfigsPreview, AlterTopicConfigsRequest, AlterTopicConfigsResult, ConfigChange } from './types'

const TOPIC_RESOURCE = 2

/**
 * The diff the change makes to the topic's overrides, validated by Kafka (IncrementalAlterConfigs validateOnly: an
 * invalid value is refused with the broker's reason). Changes nothing. With no changes it just reads the overrides.
 */
export async function planAlterTopicConfigs(
  clusterId: string,
  topic: string,
  request: AlterTopicConfigsRequest,
): Promise<AlterTopicConfigsPreview> {
  assertWritable(clusterId)
  await topicLayoutOf(clusterId, topic)
  const overrides = await topicOverridesOf(clusterId, topic)
  const changes = configChanges(overrides, request)
  if (changes.length > 0) {
    try {
      await incrementalAlter(clusterId, topic, changes, true)
    } catch (err) {
      throw topicActionErrorOf(err, clusterId, topic)
    }
  }
  return { topic, overrides, changes, validated: changes.length > 0 }
}

/**
 * Sets and removes topic config overrides with IncrementalAlterConfigs: overrides not named are kept. (kafkajs'
 * alterConfigs is the legacy AlterConfigs, which replaces the whole override set: every override not sent is lost.)
 * Validated first (validateOnly), then applied and read back; audited with before and after.
 */
export async function alterTopicConfigs(
  clusterId: string,
  topic: string,
  request: AlterTopicConfigsRequest,
  actor: string,
): Promise<AlterTopicConfigsResult> {
  const audit = (changes: ConfigChange[], result: 'ok' | 'error', error?: string) =>
    recordAudit(clusterId, {
      actor,
      action: 'topic.alter-configs',
      target: { topic },
      params: { set: request.set, delete: request.delete, changes },
      result,
      ...(error ? { error } : {}),
      summary:
        result === 'ok'
          ? `Changed ${changes.length} config override${changes.length === 1 ? '' : 's'} of topic "${topic}": ${changes.map((c) => c.name).join(', ')}`
          : `Refused to change the configs of topic "${topic}"`,
    })
  let plan: AlterTopicConfigsPreview
  try {
    plan = await planAlterTopicConfigs(clusterId, topic, request)
  } catch (err) {
    // Unknown topics and read-only clusters change nothing and are not worth a record; Kafka's refusals are.
    if (!(err instanceof ApiError) || err.code !== 'invalid_input') throw err
    const status = await audit([], 'error', failureText(err))
    throw new ApiError(err.code, err.message, { ...(err.details as object), audit: status })
  }
  if (plan.changes.length === 0)
    throw new ApiError('invalid_input', `Nothing to change: topic "${topic}" already has these overrides`)
  try {
    await incrementalAlter(clusterId, topic, plan.changes, false)
  } catch (err) {
    const e = topicActionErrorOf(err, clusterId, topic)
    const status = await audit(plan.changes, 'error', failureText(e))
    throw new ApiError(e.code, e.message, { ...(e.details as object), audit: status })
  }
  return {
    topic,
    changes: plan.changes,
    overrides: await topicOverridesOf(clusterId, topic),
    audit: await audit(plan.changes, 'ok'),
  }
}

function incrementalAlter(clusterId: string, topic: string, changes: ConfigChange[], validateOnly: boolean) {
  return platformaticAdminOf(clusterId).incrementalAlterConfigs({
    validateOnly,
    resources: [
      {
        resourceType: TOPIC_RESOURCE,
        resourceName: topic,
        configs: changes.map((c) =>
          c.after === null
            ? { name: c.name, configOperation: IncrementalAlterConfigOperationTypes.DELETE }
            : { name: c.name, configOperation: IncrementalAlterConfigOperationTypes.SET, value: c.after },
        ),
      },
    ],
  })
}
