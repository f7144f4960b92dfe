import type { GroupType } from './types'

// Which group types a cluster can host and describe, judged from one broker's ApiVersions answer: the describe API
// must be offered and, for the newer types, the cluster must have finalized the feature that turns them on.
// Measured: Kafka 3.9.1 offers ConsumerGroupDescribe v0 but has no group.version (its controller refuses to
// finalize it), answers UNSUPPORTED_VERSION per group and refuses KIP-848 consumers; it has no share/streams APIs.

export type ApiRanges = Map<number, { minVersion: number; maxVersion: number }>

export type GroupSupport = { supportedTypes: GroupType[]; notes: string[]; unsupported: Map<GroupType, string> }

const LIST_GROUPS = 16
const CONSUMER_GROUP_DESCRIBE = 69
const SHARE_GROUP_DESCRIBE = 77
const STREAMS_GROUP_DESCRIBE = 89

/** The types this cluster lists and describes, why the others are missing, and plain notes for the groups page. */
export function groupSupportOf(apiVersions: ApiRanges, features: Map<string, number>): GroupSupport {
  const offers = (key: number, version = 0) => (apiVersions.get(key)?.maxVersion ?? -1) >= version
  const level = (name: string) => features.get(name) ?? 0
  const unsupported = new Map<GroupType, string>()
  if (!offers(CONSUMER_GROUP_DESCRIBE) || level('group.version') < 1) {
    unsupported.set(
      'consumer',
      offers(CONSUMER_GROUP_DESCRIBE)
        ? 'This cluster has not finalized group.version, so it hosts no KIP-848 consumer groups (a default Kafka 3.9 controller refuses to finalize it).'
        : 'These brokers predate KIP-848 consumer groups (no ConsumerGroupDescribe API).',
    )
  }
  if (!offers(SHARE_GROUP_DESCRIBE, 1) || level('share.version') < 1) {
    unsupported.set(
      'share',
      offers(SHARE_GROUP_DESCRIBE, 1)
        ? 'This cluster has not finalized share.version, so it hosts no share groups.'
        : 'These brokers have no share groups (KIP-932 is stable from Kafka 4.1).',
    )
  }
  if (!offers(STREAMS_GROUP_DESCRIBE) || level('streams.version') < 1) {
    unsupported.set(
      'streams',
      offers(STREAMS_GROUP_DESCRIBE)
        ? 'This cluster has not finalized streams.version, so it hosts no streams groups.'
        : 'These brokers have no streams groups (KIP-1071 arrived in Kafka 4.1).',
    )
  }
  const notes = [...unsupported.values()]
  if (!offers(LIST_GROUPS, 5)) {
    notes.push('These brokers list groups without their type (ListGroups below v5): every group is shown as classic.')
  }
  const all: GroupType[] = ['classic', 'consumer', 'share', 'streams']
  return { supportedTypes: all.filter((t) => !unsupported.has(t)), notes, unsupported }
}
