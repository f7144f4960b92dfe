import type { ReactNode } from 'react'
import { Card } from '@/components/ui/card'
import { cn } from '@/components/ui/cn'
import { formatCount, formatDuration, formatLagDuration, parseBigInt } from '@/lib/client/format'
import type { GroupDetail } from '@/lib/lag/types'
import { isConsumerGroup } from './group-labels'

function Fact({
  label,
  children,
  testId,
  hint,
}: {
  label: string
  children: ReactNode
  testId?: string
  hint?: string
}) {
  return (
    <div className="min-w-0 bg-surface px-4 py-2.5">
      <dt className="text-xs font-medium text-muted">{label}</dt>
      <dd data-testid={testId} className="mt-0.5 truncate text-sm font-medium tabular-nums" title={hint}>
        {children}
      </dd>
    </div>
  )
}

const Muted = ({ children }: { children: ReactNode }) => <span className="font-normal text-muted">{children}</span>

export function GroupFacts({ detail }: { detail: GroupDetail }) {
  const g = detail.group
  const totalLag = parseBigInt(detail.totalLag)
  const consumer = isConsumerGroup(g)
  const epochs = g.groupEpoch !== null || g.assignmentEpoch !== null
  return (
    <Card className="overflow-hidden">
      {/* gap-px over a border-coloured background draws the cell dividers at every breakpoint. */}
      <dl className="grid grid-cols-2 gap-px bg-border md:grid-cols-3 xl:grid-cols-6">
        <Fact label="Members" testId="group-detail-members">
          {formatCount(g.members.length)}
        </Fact>
        <Fact label="Total lag" testId="group-detail-lag">
          {consumer || detail.partitions.length > 0 ? (
            <span className={cn(totalLag !== null && totalLag > 0n ? 'text-warning' : undefined)}>
              {formatCount(detail.totalLag)}
            </span>
          ) : (
            <Muted>— not a consumer group</Muted>
          )}
        </Fact>
        <Fact
          label="Max lag in time"
          testId="group-detail-lag-time"
          hint={detail.maxLagMs === null ? undefined : `${formatDuration(Math.round(detail.maxLagMs))}`}
        >
          {detail.maxLagMs === null ? <Muted>—</Muted> : formatLagDuration(detail.maxLagMs)}
        </Fact>
        <Fact label="Assignor" hint={g.assignor ?? undefined}>
          {g.assignor ? <span className="font-mono text-xs">{g.assignor}</span> : <Muted>none</Muted>}
        </Fact>
        <Fact label="Coordinator" testId="group-detail-coordinator">
          {g.coordinatorId === null ? <Muted>unknown</Muted> : `Broker ${g.coordinatorId}`}
        </Fact>
        {epochs ? (
          <Fact
            label="Group / assignment epoch"
            hint="The assignment epoch catches up with the group epoch once the coordinator has computed the new target assignment"
          >
            {g.groupEpoch ?? '—'} / {g.assignmentEpoch ?? '—'}
            {g.groupEpoch !== null && g.assignmentEpoch !== null && g.groupEpoch !== g.assignmentEpoch && (
              <span className="ml-1.5 text-xs font-normal text-warning">assigning</span>
            )}
          </Fact>
        ) : (
          <Fact label="Protocol type">
            {g.protocolType ? <span className="font-mono text-xs">{g.protocolType}</span> : <Muted>none</Muted>}
          </Fact>
        )}
      </dl>
    </Card>
  )
}
