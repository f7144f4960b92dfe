import 'server-only'
import { metadataV12 } from '@platformatic/kafka'
import { getClusterConfig } from '@/lib/config'
import { ApiError } from '@/lib/errors'
import {
  brokerConnectionOf,
  clusterConnectionsOf,
  dropClusterConnections,
  platformaticErrorOf,
  withinDeadline,
} from '@/lib/kafka/platformatic-connection'
import { groupSupportOf } from './group-support'
import { listGroupsOnBroker } from './list-groups-on-broker'
import type { GroupListing, GroupType } from './types'

export type GroupsByType = { groups: GroupListing[]; supportedTypes: GroupType[]; notes: string[] }

/**
 * Every group of the cluster with its type. Each broker lists only the groups it coordinates, so every broker is
 * asked (one ListGroups each, in parallel). ListGroups v5 (Kafka 3.8+) names the type; older brokers cannot, and
 * their groups are reported as classic with a note saying so.
 */
export async function listGroupsByType(clusterId: string): Promise<GroupsByType> {
  const cluster = getClusterConfig(clusterId)
  const entry = clusterConnectionsOf(cluster)
  const work = async (): Promise<GroupsByType> => {
    const { connection, apiVersions, features } = await entry.bootstrap
    const { brokers } = await metadataV12.api.async(connection, [], false, false)
    const listings = await Promise.all(
      brokers.map(async (b) => listGroupsOnBroker(await brokerConnectionOf(cluster, b), apiVersions)),
    )
    const byId = new Map(listings.flatMap((l) => l.groups).map((g) => [g.groupId, g] as const))
    const groups = [...byId.values()].sort((a, b) => a.groupId.localeCompare(b.groupId))
    const { supportedTypes, notes } = groupSupportOf(apiVersions, features)
    return { groups, supportedTypes, notes }
  }
  try {
    return await withinDeadline(cluster, work(), 'list its groups')
  } catch (err) {
    // A dead broker, a timeout or a garbled answer: start over with fresh connections next time.
    if (!(err instanceof ApiError) || err.code === 'timeout') void dropClusterConnections(clusterId, entry)
    throw platformaticErrorOf(err, cluster)
  }
}
