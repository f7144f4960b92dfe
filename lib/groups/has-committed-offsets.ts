import type { GroupListing } from './types'

/**
 * Whether a group's progress is kept as committed offsets, so it has consumer lag: classic consumer groups (and
 * classic groups without members, whose protocol type is empty), KIP-848 consumer groups and streams groups.
 * Share groups track delivery per record instead (their lag comes from DescribeShareGroupOffsets), and Kafka Connect's
 * worker groups ("connect") commit nothing.
 */
export function hasCommittedOffsets(g: Pick<GroupListing, 'type' | 'protocolType'>): boolean {
  if (g.type === 'consumer' || g.type === 'streams') return true
  if (g.type === 'classic' || g.type === 'unknown') return g.protocolType === 'consumer' || g.protocolType === ''
  return false
}
