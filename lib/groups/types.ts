// No runtime imports: the browser imports these as types.
import type { LagVerdict } from '../lag/history-types'

/**
 * The group's type as Kafka lists it (KIP-848/932/1071 share one namespace of group ids): `classic` groups are
 * described with DescribeGroups, `consumer` with ConsumerGroupDescribe, `share` with ShareGroupDescribe, `streams`
 * with StreamsGroupDescribe.
 */
export type GroupType = 'classic' | 'consumer' | 'share' | 'streams' | 'unknown'

/**
 * State as the group's own describe API reports it: classic (Stable, Empty, PreparingRebalance,
 * CompletingRebalance, Dead), consumer (Empty, Assigning, Reconciling, Stable, Dead), share (Empty, Stable, Dead),
 * streams (Empty, NotReady, Assigning, Reconciling, Stable, Dead). "Unknown" when it could not be described.
 */
export type GroupState = string

export type GroupListing = {
  groupId: string
  type: GroupType
  /** Classic groups: the protocol type ("consumer", "connect", "" …). A classic group with another protocol type
   * (e.g. Kafka Connect's "connect") is not a consumer group and has no consumer lag. */
  protocolType: string
  state: GroupState
}

export type GroupTopicPartitions = { topic: string; partitions: number[] }

export type GroupMember = {
  memberId: string
  /** KIP-848 groups: the member's epoch; null for classic groups. */
  memberEpoch: number | null
  instanceId: string | null
  clientId: string
  host: string
  /** Topics the member subscribed to (KIP-848 groups report it; classic members' metadata may). */
  subscribedTopics: string[]
  /** Partitions currently assigned to the member. */
  assignment: GroupTopicPartitions[]
  /** KIP-848 groups: the assignment the coordinator is moving the member to; null for classic groups. */
  targetAssignment: GroupTopicPartitions[] | null
}

export type GroupDescription = {
  groupId: string
  type: GroupType
  protocolType: string
  state: GroupState
  /** Classic: the assignment protocol (e.g. "range", "cooperative-sticky"); consumer: the server assignor. */
  assignor: string | null
  /** KIP-848/share/streams groups: group epoch and target assignment epoch; null for classic groups. */
  groupEpoch: number | null
  assignmentEpoch: number | null
  coordinatorId: number | null
  members: GroupMember[]
  /** Which Kafka API answered, e.g. "ConsumerGroupDescribe v1" — shown so the operator can trust the state. */
  describedWith: string
  /** Set when the broker cannot describe this type (e.g. Kafka 3.9 has no share groups): said, not an error. */
  unsupportedReason: string | null
}

/** A row of the groups page: the listing plus its lag summary (null when the type has no committed offsets). */
export type GroupRow = GroupListing & {
  members: number
  topics: string[]
  /** Σ lag over the group's partitions (share groups: Kafka's share-partition lag); null for groups without offsets (e.g. Connect). */
  totalLag: string | null
  /** Age of the oldest unconsumed record over the group's partitions, in ms; null when unknown or no lag. */
  maxLagMs: number | null
  /** Health verdict over the sampler's window (null for groups without offsets), and why in words. */
  verdict: LagVerdict | null
  verdictReason: string | null
  /** Total lag over the last hour, from the sampler's history (empty until it has samples). */
  sparkline: { t: number; totalLag: string }[]
}

export type GroupList = {
  groups: GroupRow[]
  /** Types this cluster's brokers can list and describe (e.g. Kafka 3.9: classic and consumer only). */
  supportedTypes: GroupType[]
  /** Plain-language notes about what this Kafka version cannot show (never an error). */
  notes: string[]
  fetchedAt: string
}
