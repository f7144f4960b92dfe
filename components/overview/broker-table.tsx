import { Badge } from '@/components/ui/badge'
import { Card, CardHeader } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { formatCount, pluralize } from '@/lib/client/format'
import type { BrokerInfo } from '@/lib/cluster/types'

type BrokerTableProps = { brokers: BrokerInfo[]; controllerId: number | null }

const TH = 'px-4 py-2 text-left text-xs font-medium text-muted'
const TD = 'px-4 py-2'

export function BrokerTable({ brokers, controllerId }: BrokerTableProps) {
  return (
    <Card>
      <CardHeader
        title="Brokers"
        description={`${pluralize(brokers.length, 'broker')} in the metadata${controllerId === null ? ' · no controller reported' : ''}`}
      />
      {brokers.length === 0 ? (
        <EmptyState
          className="m-4"
          title="No brokers in the metadata"
          description="The cluster answered but listed no brokers."
        />
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm tabular-nums">
            <thead className="border-b border-border bg-surface-muted">
              <tr>
                <th className={TH}>Node</th>
                <th className={TH}>Address</th>
                <th className={TH}>Rack</th>
                <th className={TH}>Role</th>
                <th className={`${TH} text-right`}>Leaders</th>
                <th className={`${TH} text-right`}>Replicas</th>
              </tr>
            </thead>
            <tbody>
              {brokers.map((b) => (
                <tr
                  key={b.nodeId}
                  data-testid={`broker-row-${b.nodeId}`}
                  className="border-b border-border last:border-0"
                >
                  <td className={`${TD} font-medium`}>{b.nodeId}</td>
                  <td className={`${TD} font-mono text-xs`}>
                    {b.host}:{b.port}
                  </td>
                  <td className={`${TD} text-muted`}>{b.rack ?? '—'}</td>
                  <td className={TD}>{b.isController && <Badge tone="accent">controller</Badge>}</td>
                  <td className={`${TD} text-right`}>{formatCount(b.leaderCount)}</td>
                  <td className={`${TD} text-right`}>{formatCount(b.replicaCount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  )
}
