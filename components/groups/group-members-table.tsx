import { Card, CardHeader } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { pluralize } from '@/lib/client/format'
import type { GroupMember } from '@/lib/groups/types'
import { countPartitions, formatAssignment, pendingTarget } from './group-detail-model'

const TH = 'px-3 py-2 text-left text-xs font-medium text-muted'
const TD = 'px-3 py-2 align-top'

type GroupMembersTableProps = { members: readonly GroupMember[]; consumer: boolean }

export function GroupMembersTable({ members, consumer }: GroupMembersTableProps) {
  const withEpoch = members.some((m) => m.memberEpoch !== null)
  return (
    <Card>
      <CardHeader title="Members" description={members.length > 0 ? pluralize(members.length, 'member') : undefined} />
      {members.length === 0 ? (
        <EmptyState
          className="m-4"
          title="No members: the group is not consuming right now"
          description={
            consumer
              ? 'Its committed offsets stay; lag grows until a consumer with this group.id joins again.'
              : 'No worker or client is connected to this group.'
          }
        />
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[52rem] text-sm tabular-nums">
            <thead className="border-b border-border bg-surface-muted">
              <tr>
                <th scope="col" className={TH}>
                  Member
                </th>
                <th scope="col" className={TH}>
                  Client id
                </th>
                <th scope="col" className={TH}>
                  Host
                </th>
                {withEpoch && (
                  <th scope="col" className={`${TH} text-right`}>
                    Epoch
                  </th>
                )}
                <th scope="col" className={TH}>
                  Assigned partitions
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-border">
              {members.map((m, index) => (
                <MemberRow key={m.memberId} member={m} index={index} withEpoch={withEpoch} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  )
}

function MemberRow({ member: m, index, withEpoch }: { member: GroupMember; index: number; withEpoch: boolean }) {
  const assigned = formatAssignment(m.assignment)
  const target = pendingTarget(m)
  return (
    <tr data-testid={`member-row-${index}`} className="hover:bg-surface-muted">
      <td className={`${TD} max-w-[16rem]`}>
        <span className="block truncate font-mono text-xs" title={m.memberId}>
          {m.memberId}
        </span>
        {m.instanceId && (
          <span className="mt-0.5 block truncate text-xs text-muted" title="Static membership (group.instance.id)">
            static: {m.instanceId}
          </span>
        )}
      </td>
      <td className={`${TD} max-w-[14rem] truncate`} title={m.clientId}>
        {m.clientId || <span className="text-muted">—</span>}
      </td>
      <td className={`${TD} max-w-[12rem] truncate font-mono text-xs`} title={m.host}>
        {m.host || <span className="text-muted">—</span>}
      </td>
      {withEpoch && <td className={`${TD} text-right`}>{m.memberEpoch ?? <span className="text-muted">—</span>}</td>}
      <td className={TD}>
        {assigned.length === 0 ? (
          <span className="text-muted">none</span>
        ) : (
          <ul className="flex flex-col gap-0.5" title={pluralize(countPartitions(m.assignment), 'partition')}>
            {assigned.map((line) => (
              <li key={line} className="break-all">
                {line}
              </li>
            ))}
          </ul>
        )}
        {target && (
          <p
            data-testid={`member-target-${index}`}
            className="mt-1 text-xs text-warning"
            title="KIP-848: the coordinator's target assignment for this member; it is revoking or acquiring partitions"
          >
            moving to {target.length === 0 ? 'no partitions' : target.join('; ')}
          </p>
        )}
      </td>
    </tr>
  )
}
