'use client'

import { Badge } from '@/components/ui/badge'
import { LockIcon, ShieldIcon } from '@/components/ui/icons'
import { useClusters } from '@/lib/client/clusters'
import type { ClusterSummary } from '@/lib/config/types'
import { SessionIndicator } from './session-indicator'

function securityLabel(c: ClusterSummary): string {
  return c.saslMechanism ? `${c.securityProtocol} · ${c.saslMechanism}` : c.securityProtocol
}

/**
 * Security protocol and read-only flag of the current cluster, from the cluster list (no Kafka round trip); at the
 * far end of the header bar, who is signed in.
 */
export function ClusterBadges({ clusterId }: { clusterId: string }) {
  return (
    <div className="flex min-w-0 flex-1 items-center gap-1.5">
      <ClusterFlags clusterId={clusterId} />
      <div className="ml-auto pl-2">
        <SessionIndicator />
      </div>
    </div>
  )
}

function ClusterFlags({ clusterId }: { clusterId: string }) {
  const { data } = useClusters()
  const cluster = data?.clusters.find((c) => c.id === clusterId)
  if (!cluster) return null
  const encrypted = cluster.securityProtocol === 'SSL' || cluster.securityProtocol === 'SASL_SSL'
  return (
    <div className="flex min-w-0 items-center gap-1.5">
      <Badge
        tone={encrypted ? 'success' : 'neutral'}
        data-testid="security-badge"
        title={cluster.saslUsername ? `Authenticated as ${cluster.saslUsername}` : 'Security protocol'}
      >
        <ShieldIcon className="size-3" />
        {securityLabel(cluster)}
      </Badge>
      {cluster.readOnly && (
        <Badge tone="warning" data-testid="read-only-badge" title="Ferry refuses every change to this cluster">
          <LockIcon className="size-3" />
          Read-only
        </Badge>
      )}
      <span className="hidden truncate font-mono text-xs text-muted xl:inline" title="Bootstrap servers">
        {cluster.brokers.join(', ')}
      </span>
    </div>
  )
}
