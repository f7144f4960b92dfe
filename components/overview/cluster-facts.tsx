import type { ReactNode } from 'react'
import { Card, CardHeader } from '@/components/ui/card'
import type { ClusterOverview } from '@/lib/cluster/types'

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="grid grid-cols-[8rem_minmax(0,1fr)] gap-3 px-4 py-2">
      <dt className="text-xs font-medium text-muted">{label}</dt>
      <dd data-testid={testId} className="min-w-0 text-sm">
        {children}
      </dd>
    </div>
  )
}

export function ClusterFacts({ overview: o }: { overview: ClusterOverview }) {
  return (
    <Card>
      <CardHeader title="Cluster" />
      <dl className="divide-y divide-border">
        <Fact label="Kafka version" testId="kafka-version">
          <span className="font-medium" title={o.kafkaVersionSource ?? undefined}>
            {o.kafkaVersion ?? 'unknown'}
          </span>
          <span className="block text-xs break-words text-muted">
            {o.kafkaVersionSource ? `from ${o.kafkaVersionSource}` : 'the brokers did not report it'}
          </span>
        </Fact>
        <Fact label="Kafka cluster id">
          <span className="break-all font-mono text-xs">{o.kafkaClusterId ?? 'unknown'}</span>
        </Fact>
        <Fact label="Active controller" testId="controller">
          {o.controllerId === null ? (
            <span className="text-muted">unknown (the metadata quorum could not be described)</span>
          ) : (
            `Node ${o.controllerId}`
          )}
        </Fact>
        {o.quorum && (
          <Fact label="KRaft quorum" testId="quorum">
            <span>
              leader {o.quorum.leaderId}, epoch {o.quorum.leaderEpoch}
            </span>
            <span className="block text-xs text-muted tabular-nums">
              voters {o.quorum.voters.map((v) => `${v.replicaId}${v.lag !== '0' ? ` (lag ${v.lag})` : ''}`).join(', ')}
              {o.quorum.observers.length > 0 && ` · observers ${o.quorum.observers.map((v) => v.replicaId).join(', ')}`}
            </span>
          </Fact>
        )}
      </dl>
    </Card>
  )
}
