import { redirect } from 'next/navigation'
import { connection } from 'next/server'
import { EmptyState } from '@/components/ui/empty-state'
import { ErrorState } from '@/components/ui/error-state'
import { listClusterSummaries } from '@/lib/config'
import type { ClusterSummary } from '@/lib/config/types'
import { clusterHref } from '@/lib/nav'

export default async function HomePage() {
  // The cluster list is runtime config: never bake this redirect into the build.
  await connection()
  let clusters: ClusterSummary[]
  try {
    clusters = listClusterSummaries()
  } catch (err) {
    // A config error names a field and a reason, never a secret: the operator needs to read it here.
    return (
      <main className="mx-auto max-w-2xl p-8">
        <ErrorState title="Ferry's configuration is invalid" error={err} />
      </main>
    )
  }
  const first = clusters[0]
  if (!first) {
    return (
      <main className="mx-auto max-w-2xl p-8">
        <EmptyState
          title="No clusters configured"
          description="Add a cluster to ferry.config.yaml or set KAFKA_BROKERS."
        />
      </main>
    )
  }
  redirect(clusterHref(first.id))
}
