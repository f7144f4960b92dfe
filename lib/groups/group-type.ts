import type { GroupType } from './types'

const KNOWN: readonly GroupType[] = ['classic', 'consumer', 'share', 'streams']

/**
 * The GroupType of a ListGroups entry. ListGroups v5 names the type ("Classic", "Consumer"… on the wire in lower or
 * title case depending on the release); older versions have no type field, and every group they list is classic
 * unless the broker ran KIP-848 in preview, which they cannot tell.
 */
export function groupTypeOf(wireType: string | undefined): GroupType {
  if (wireType === undefined || wireType === '') return 'classic'
  const type = wireType.toLowerCase() as GroupType
  return KNOWN.includes(type) ? type : 'unknown'
}
