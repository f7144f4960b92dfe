import 'server-only'
import {
  type Connection,
  describeGroupsV0,
  describeGroupsV1,
  describeGroupsV2,
  describeGroupsV3,
  describeGroupsV4,
  describeGroupsV5,
  metadataV12,
  protocolErrors,
  protocolErrorsCodesById,
} from '@platformatic/kafka'
import { getClusterConfig } from '@/lib/config'
import type { ClusterConfig } from '@/lib/config/schema'
import { ApiError } from '@/lib/errors'
import { toApiError } from '@/lib/kafka/errors'
import {
  type ApiRange,
  brokerConnectionOf,
  clusterConnectionsOf,
  dropClusterConnections,
  newestSupported,
  platformaticErrorOf,
  withinDeadline,
} from '@/lib/kafka/platformatic-connection'
import {
  CONSUMER_GROUP_DESCRIBE_APIS,
  type DescribedGroupWire,
  type GroupDescribeApi,
  SHARE_GROUP_DESCRIBE_APIS,
  STREAMS_GROUP_DESCRIBE_APIS,
} from './describe-apis'
import { coordinatorsOf, type GroupsOfCoordinator } from './find-coordinators'
import { type GroupSupport, groupSupportOf } from './group-support'
import { listGroupsOnBroker } from './list-groups-on-broker'
import { answerOf } from './platformatic-answers'
import {
  type ClassicGroupWire,
  classicDescriptionOf,
  describedGroupOf,
  unnamedTopicIdsOf,
  unsupportedDescriptionOf,
} from './to-description'
import type { GroupDescription, GroupListing, GroupType } from './types'

// Each group type has its own describe API, and only the classic one is what kafkajs and @platformatic/kafka's
// describeGroups speak: asked about a KIP-848 group it answers "Dead, no members" (measured on Kafka 4.3.1). So the
// type is looked up first, on the group's coordinator (ListGroups v5 there lists exactly the groups it owns), and
// each group is described with its own type's API: one request per coordinator per API, whatever the group count.

type Batch = { descriptions: GroupDescription[]; failures: Map<string, ApiError>; unnamed: string[] }

// Newest first; v5 is the newest @platformatic/kafka ships (Kafka 4.x also speaks v6, which only adds error messages).
const CLASSIC_APIS = [
  describeGroupsV5.api,
  describeGroupsV4.api,
  describeGroupsV3.api,
  describeGroupsV2.api,
  describeGroupsV1.api,
  describeGroupsV0.api,
] as unknown as (typeof describeGroupsV5.api)[]

const NEW_APIS: Record<'consumer' | 'share' | 'streams', GroupDescribeApi[]> = {
  consumer: CONSUMER_GROUP_DESCRIBE_APIS,
  share: SHARE_GROUP_DESCRIBE_APIS,
  streams: STREAMS_GROUP_DESCRIBE_APIS,
}
const API_NAMES = { consumer: 'ConsumerGroupDescribe', share: 'ShareGroupDescribe', streams: 'StreamsGroupDescribe' }
const GROUP_ID_NOT_FOUND = 69
const UNSUPPORTED_VERSION = 35

/** One group, described with its type's API. Unknown group → ApiError('not_found'). */
export async function describeGroup(clusterId: string, groupId: string): Promise<GroupDescription> {
  const { descriptions, failures } = await describeBatch(clusterId, [groupId])
  const failure = failures.get(groupId)
  if (failure) throw failure
  const description = descriptions.get(groupId)
  if (!description) throw new ApiError('not_found', `Group "${groupId}" does not exist on cluster "${clusterId}"`)
  return description
}

/**
 * Many groups at once (the groups page): one FindCoordinator, then per coordinator one ListGroups and one describe
 * request per group type. Groups that do not exist, or whose coordinator failed to answer, are left out.
 */
export async function describeGroups(clusterId: string, groupIds: string[]): Promise<Map<string, GroupDescription>> {
  return (await describeBatch(clusterId, groupIds)).descriptions
}

async function describeBatch(
  clusterId: string,
  groupIds: string[],
): Promise<{ descriptions: Map<string, GroupDescription>; failures: Map<string, ApiError> }> {
  const cluster = getClusterConfig(clusterId)
  const entry = clusterConnectionsOf(cluster)
  const work = async () => {
    const { connection, apiVersions, features } = await entry.bootstrap
    const support = groupSupportOf(apiVersions, features)
    const coordinators = groupIds.length === 0 ? [] : await coordinatorsOf(connection, apiVersions, groupIds)
    const batches = await Promise.all(coordinators.map((c) => describeOnCoordinator(cluster, c, apiVersions, support)))
    const unnamed = [...new Set(batches.flatMap((b) => b.unnamed))]
    const topicNames = unnamed.length > 0 ? await topicNamesById(connection) : new Map<string, string>()
    return { batches, topicNames }
  }
  try {
    const { batches, topicNames } = await withinDeadline(cluster, work(), 'describe its groups')
    const descriptions = new Map<string, GroupDescription>()
    const failures = new Map<string, ApiError>()
    for (const batch of batches) {
      for (const d of batch.descriptions) descriptions.set(d.groupId, withTopicNames(d, topicNames))
      for (const [id, err] of batch.failures) failures.set(id, err)
    }
    return { descriptions, failures }
  } catch (err) {
    // A dead broker, a timeout or a garbled answer: start over with fresh connections next time.
    if (!(err instanceof ApiError) || err.code === 'timeout') void dropClusterConnections(clusterId, entry)
    throw platformaticErrorOf(err, cluster)
  }
}

async function describeOnCoordinator(
  cluster: ClusterConfig,
  coordinator: GroupsOfCoordinator,
  apiVersions: Map<number, ApiRange>,
  support: GroupSupport,
): Promise<Batch> {
  const connection = await brokerConnectionOf(cluster, coordinator.broker)
  const wanted = new Set(coordinator.groupIds)
  const listed = (await listGroupsOnBroker(connection, apiVersions)).groups.filter((g) => wanted.has(g.groupId))
  const byType = new Map<GroupType, GroupListing[]>()
  for (const g of listed) byType.set(g.type, [...(byType.get(g.type) ?? []), g])
  const batch: Batch = { descriptions: [], failures: new Map(), unnamed: [] }
  const where = (describedWith: string) => ({ coordinatorId: coordinator.nodeId, describedWith })
  await Promise.all(
    [...byType.entries()].map(async ([type, listings]) => {
      if (type === 'classic') {
        batch.descriptions.push(...(await describeClassic(connection, apiVersions, listings, where)))
        return
      }
      const reason =
        type === 'unknown'
          ? 'Ferry does not know this group type, so it cannot describe it.'
          : support.unsupported.get(type)
      const api = type === 'unknown' ? undefined : newestSupported(apiVersions, NEW_APIS[type])
      if (type === 'unknown' || reason || !api) {
        const why =
          reason ?? `These brokers offer no ${API_NAMES[type as keyof typeof API_NAMES]} version Ferry speaks.`
        for (const l of listings) batch.descriptions.push(unsupportedDescriptionOf(l, why, coordinator.nodeId))
        return
      }
      const answer = await api.async(
        connection,
        listings.map((l) => l.groupId),
      )
      const describedWith = `${API_NAMES[type]} v${api.version}`
      const byId = new Map(listings.map((l) => [l.groupId, l] as const))
      for (const group of answer.groups) {
        const listing = byId.get(group.groupId)
        if (!listing) continue
        const outcome = outcomeOf(group, listing, describedWith, coordinator.nodeId)
        if (outcome instanceof ApiError) batch.failures.set(group.groupId, outcome)
        else if (outcome) batch.descriptions.push(outcome)
      }
      batch.unnamed.push(...unnamedTopicIdsOf(answer.groups))
    }),
  )
  return batch
}

/** A description, a per-group failure, or null when the group vanished between listing and describing. */
function outcomeOf(
  group: DescribedGroupWire,
  listing: GroupListing,
  describedWith: string,
  coordinatorId: number,
): GroupDescription | ApiError | null {
  if (group.errorCode === 0) return describedGroupOf(listing, group, { coordinatorId, describedWith })
  if (group.errorCode === GROUP_ID_NOT_FOUND) return null
  if (group.errorCode === UNSUPPORTED_VERSION) {
    const why = `The coordinator answered ${describedWith} with UNSUPPORTED_VERSION: it cannot describe ${listing.type} groups.`
    return unsupportedDescriptionOf(listing, why, coordinatorId)
  }
  const id = protocolErrorsCodesById[group.errorCode] ?? `error ${group.errorCode}`
  const definition = protocolErrors[id]
  return toApiError({ type: id, message: group.errorMessage ?? definition?.message, retriable: definition?.canRetry })
}

async function describeClassic(
  connection: Connection,
  apiVersions: Map<number, ApiRange>,
  listings: GroupListing[],
  where: (describedWith: string) => { coordinatorId: number; describedWith: string },
): Promise<GroupDescription[]> {
  const api = newestSupported(apiVersions, CLASSIC_APIS)
  if (!api) throw new ApiError('internal', 'These brokers offer no DescribeGroups version Ferry speaks')
  const answer = await answerOf(
    api.async(
      connection,
      listings.map((l) => l.groupId),
      false,
    ),
  )
  const byId = new Map(answer.groups.map((g) => [g.groupId, g] as const))
  return listings.flatMap((listing) => {
    const group = byId.get(listing.groupId)
    // An error (e.g. the coordinator moved) or a group gone since listing: "Dead" with no members.
    if (group?.errorCode !== 0) return []
    return [classicDescriptionOf(listing, group as ClassicGroupWire, where(`DescribeGroups v${api.version}`))]
  })
}

/** Topic id → name for every topic (only asked when a describe answer left a topic name empty). */
async function topicNamesById(connection: Connection): Promise<Map<string, string>> {
  const metadata = await metadataV12.api.async(connection, null, false, false)
  return new Map(metadata.topics.filter((t) => t.name).map((t) => [t.topicId, t.name as string] as const))
}

function withTopicNames(d: GroupDescription, names: Map<string, string>): GroupDescription {
  if (names.size === 0) return d
  const rename = (tps: GroupDescription['members'][number]['assignment']) =>
    tps.map((tp) => ({ ...tp, topic: names.get(tp.topic) ?? tp.topic }))
  return {
    ...d,
    members: d.members.map((m) => ({
      ...m,
      assignment: rename(m.assignment),
      targetAssignment: m.targetAssignment && rename(m.targetAssignment),
    })),
  }
}
