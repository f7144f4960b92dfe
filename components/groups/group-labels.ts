// How a group's type and state read on screen. Pure: shared by the list, the detail page and their tests.
import type { BadgeTone } from '@/components/ui/badge'
import type { GroupListing, GroupType } from '@/lib/groups/types'

export const GROUP_TYPES = ['classic', 'consumer', 'share', 'streams', 'unknown'] as const satisfies GroupType[]

/** Names for the type filter. */
export const TYPE_NAMES: Record<GroupType, string> = {
  classic: 'Classic',
  consumer: 'Consumer (KIP-848)',
  share: 'Share',
  streams: 'Streams',
  unknown: 'Unknown',
}

type TypeInfo = Pick<GroupListing, 'type' | 'protocolType'>

/**
 * Whether the group consumes with Kafka's consumer protocol and so has consumer lag. A classic group with another
 * protocol type (Kafka Connect's "connect") only borrows the group coordinator; "" is a group that only commits
 * offsets (manual assignment), which still has lag.
 */
export function isConsumerGroup({ type, protocolType }: TypeInfo): boolean {
  if (type === 'consumer') return true
  return type === 'classic' && (protocolType === 'consumer' || protocolType === '')
}

/** "classic", "consumer (KIP-848)", "share", "streams", and "classic · connect" for a non-consumer classic group. */
export function groupTypeLabel(group: TypeInfo): string {
  switch (group.type) {
    case 'classic':
      return isConsumerGroup(group) ? 'classic' : `classic · ${group.protocolType}`
    case 'consumer':
      return 'consumer (KIP-848)'
    default:
      return group.type
  }
}

/** The badge's tooltip: what the type means for the operator. */
export function groupTypeDescription(group: TypeInfo): string {
  switch (group.type) {
    case 'classic':
      if (group.protocolType === 'consumer') return 'Classic consumer group (JoinGroup/SyncGroup rebalance protocol)'
      if (group.protocolType === '') return 'Classic group without a protocol type: it only commits offsets'
      return `Classic group with protocol type "${group.protocolType}": not a consumer group, so it has no consumer lag`
    case 'consumer':
      return 'Consumer group on the KIP-848 protocol: the coordinator assigns partitions'
    case 'share':
      return 'Share group (KIP-932): members share partitions and acknowledge records one by one'
    case 'streams':
      return 'Kafka Streams group (KIP-1071)'
    case 'unknown':
      return 'The broker reported a group type Ferry does not know'
  }
}

export function groupTypeTone(group: TypeInfo): BadgeTone {
  return group.type === 'consumer' ? 'accent' : 'neutral'
}

const REBALANCING = new Set(['PreparingRebalance', 'CompletingRebalance', 'Assigning', 'Reconciling', 'NotReady'])

/** Stable green, rebalancing amber, Dead red; Empty, Unknown and anything unexpected grey. */
export function groupStateTone(state: string): BadgeTone {
  if (state === 'Stable') return 'success'
  if (state === 'Dead') return 'danger'
  if (REBALANCING.has(state)) return 'warning'
  return 'neutral'
}

/** States in the order an operator reads them (healthy, moving, idle, gone); unknown ones after, A→Z. */
const STATE_ORDER = [
  'Stable',
  'PreparingRebalance',
  'CompletingRebalance',
  'Assigning',
  'Reconciling',
  'NotReady',
  'Empty',
  'Dead',
  'Unknown',
]

export function compareStates(a: string, b: string): number {
  const ia = STATE_ORDER.indexOf(a)
  const ib = STATE_ORDER.indexOf(b)
  if (ia !== ib) return (ia === -1 ? STATE_ORDER.length : ia) - (ib === -1 ? STATE_ORDER.length : ib)
  return a < b ? -1 : a > b ? 1 : 0
}
