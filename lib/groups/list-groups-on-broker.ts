import 'server-only'
import { type Connection, listGroupsV3, listGroupsV4, listGroupsV5 } from '@platformatic/kafka'
import { type ApiRange, newestSupported } from '@/lib/kafka/platformatic-connection'
import { groupTypeOf } from './group-type'
import type { GroupListing } from './types'

// Newest first. v5 (Kafka 3.8+) names each group's type; v4 adds the state; v3 (Kafka 2.4+) has neither.
const LIST_APIS = [listGroupsV5.api, listGroupsV4.api, listGroupsV3.api]

export type BrokerListing = { groups: GroupListing[]; listedWith: string }

/** The groups this broker coordinates, of every type (an empty types filter means all types). */
export async function listGroupsOnBroker(
  connection: Connection,
  apiVersions: Map<number, ApiRange>,
): Promise<BrokerListing> {
  const api = newestSupported(apiVersions, LIST_APIS)
  if (!api) throw new Error('These brokers offer no ListGroups version Ferry speaks (v3-v5, Kafka 2.4+)')
  const answer = await api.async(connection, [], [])
  const groups = answer.groups.map((g) => ({
    groupId: g.groupId,
    type: groupTypeOf('groupType' in g ? g.groupType : undefined),
    protocolType: g.protocolType,
    // ListGroups v3 has no state; "Unknown" is Kafka's own word for it.
    state: ('groupState' in g && g.groupState) || 'Unknown',
  }))
  return { groups, listedWith: `ListGroups v${api.version}` }
}
