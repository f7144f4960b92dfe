import 'server-only'
import { createTopicsV7 } from '@platformatic/kafka'
import { recordAudit } from '@/lib/audit/record-audit'
import { getClusterConfig } from '@/lib/config'
import { ApiError } from '@/lib/errors'
import { withAdmin } from '@/lib/kafka/client'
import { clusterConnectionsOf } from '@/lib/kafka/platformatic-connection'
import { assertWritable, failureText, topicActionErrorOf } from './guards'
import { collidingTopic, topicNameProblem } from './topic-name'
import type { CreateTopicRequest, CreateTopicResult } from './types'

const LEADER_WAIT_MS = 15_000

/**
 * Creates a topic. Ferry checks the name and the replication factor against the broker count itself (clear words),
 * then asks Kafka to validate the request (CreateTopics validateOnly: an invalid config comes back with the broker's
 * reason and nothing is created), then creates it and waits until every partition has a leader. `dryRun` stops after
 * the validation. Refusals are audited like successes (a dry run is not audited: it changes nothing).
 */
export async function createTopic(
  clusterId: string,
  request: CreateTopicRequest,
  actor: string,
  options: { dryRun?: boolean } = {},
): Promise<CreateTopicResult> {
  assertWritable(clusterId)
  const { name, partitions, replicationFactor, configs } = request
  const dryRun = options.dryRun ?? false
  const audit = (result: 'ok' | 'error', error?: string) =>
    recordAudit(clusterId, {
      actor,
      action: 'topic.create',
      target: { topic: name },
      params: { partitions, replicationFactor, configs },
      result,
      ...(error ? { error } : {}),
      summary:
        result === 'ok'
          ? `Created topic "${name}" with ${partitions} partitions, replication factor ${replicationFactor}`
          : `Refused to create topic "${name}"`,
    })
  const refuse = async (e: ApiError): Promise<never> => {
    const status = dryRun ? undefined : await audit('error', failureText(e))
    throw new ApiError(e.code, e.message, { ...(e.details as object), ...(status ? { audit: status } : {}) })
  }
  const problem = topicNameProblem(name)
  if (problem) return refuse(new ApiError('invalid_input', problem))
  const { brokers, topics } = await withAdmin(clusterId, async (admin) => ({
    brokers: (await admin.describeCluster()).brokers.length,
    topics: await admin.listTopics(),
  }))
  if (topics.includes(name))
    return refuse(new ApiError('conflict', `Topic "${name}" already exists on cluster "${clusterId}"`))
  const collision = collidingTopic(name, topics)
  if (collision)
    return refuse(
      new ApiError(
        'conflict',
        `Topic "${name}" would collide with existing topic "${collision}": Kafka treats "." and "_" alike in metric names and refuses both.`,
      ),
    )
  if (replicationFactor > brokers)
    return refuse(
      new ApiError(
        'invalid_input',
        `Replication factor ${replicationFactor} is more than the ${brokers} broker${brokers === 1 ? '' : 's'} of cluster "${clusterId}": each replica needs its own broker.`,
      ),
    )
  try {
    await send(clusterId, request, true)
  } catch (err) {
    return refuse(topicActionErrorOf(err, clusterId, name))
  }
  if (dryRun) return { topic: name, partitions, replicationFactor, configs, dryRun: true, leadersReady: false }
  try {
    await send(clusterId, request, false)
  } catch (err) {
    return refuse(topicActionErrorOf(err, clusterId, name))
  }
  const leadersReady = await waitForLeaders(clusterId, name, partitions)
  return { topic: name, partitions, replicationFactor, configs, dryRun: false, leadersReady, audit: await audit('ok') }
}

/**
 * CreateTopics v7 through @platformatic/kafka's protocol layer: unlike kafkajs it keeps the broker's error message
 * ("Invalid value x for configuration retention.ms…"), and unlike its Admin it can validateOnly. Any broker forwards
 * the request to the KRaft controller.
 */
async function send(clusterId: string, request: CreateTopicRequest, validateOnly: boolean): Promise<void> {
  const cluster = getClusterConfig(clusterId)
  const { connection } = await clusterConnectionsOf(cluster).bootstrap
  await createTopicsV7.api.async(
    connection,
    [
      {
        name: request.name,
        numPartitions: request.partitions,
        replicationFactor: request.replicationFactor,
        assignments: [],
        configs: Object.entries(request.configs).map(([name, value]) => ({ name, value })),
      },
    ],
    cluster.requestTimeoutMs,
    validateOnly,
  )
}

/**
 * Polls metadata until every partition has a leader. kafkajs' createTopics({ waitForLeaders }) gives up on Kafka 3.9
 * KRaft while the topic propagates (NOT_LEADER / UNKNOWN_TOPIC), so this retries those answers until a deadline.
 */
async function waitForLeaders(clusterId: string, topic: string, partitions: number): Promise<boolean> {
  const deadline = Date.now() + LEADER_WAIT_MS
  while (Date.now() < deadline) {
    const ready = await withAdmin(clusterId, (admin) => admin.fetchTopicMetadata({ topics: [topic] }))
      .then(({ topics }) => {
        const list = topics[0]?.partitions ?? []
        return list.length === partitions && list.every((p) => p.leader >= 0)
      })
      .catch(() => false)
    if (ready) return true
    await new Promise((r) => setTimeout(r, 200))
  }
  return false
}
