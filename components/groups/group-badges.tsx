import { Badge } from '@/components/ui/badge'
import type { GroupListing } from '@/lib/groups/types'
import { groupStateTone, groupTypeDescription, groupTypeLabel, groupTypeTone } from './group-labels'

type GroupTypeBadgeProps = { group: Pick<GroupListing, 'type' | 'protocolType'>; testId?: string }

export function GroupTypeBadge({ group, testId }: GroupTypeBadgeProps) {
  return (
    <Badge
      tone={groupTypeTone(group)}
      data-testid={testId}
      data-type={group.type}
      data-protocol-type={group.protocolType}
      title={groupTypeDescription(group)}
    >
      {groupTypeLabel(group)}
    </Badge>
  )
}

type GroupStateBadgeProps = { state: string; testId?: string }

export function GroupStateBadge({ state, testId }: GroupStateBadgeProps) {
  const tone = groupStateTone(state)
  return (
    <Badge tone={tone} data-testid={testId} data-state={state}>
      <span
        aria-hidden="true"
        className={
          tone === 'success'
            ? 'size-1.5 rounded-full bg-success'
            : tone === 'warning'
              ? 'size-1.5 animate-pulse rounded-full bg-warning'
              : tone === 'danger'
                ? 'size-1.5 rounded-full bg-danger'
                : 'size-1.5 rounded-full bg-muted/60'
        }
      />
      {state}
    </Badge>
  )
}
