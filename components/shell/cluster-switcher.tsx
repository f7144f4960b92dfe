'use client'

import { usePathname, useRouter } from 'next/navigation'
import { AlertIcon, ChevronDownIcon } from '@/components/ui/icons'
import { useClusters } from '@/lib/client/clusters'
import { clusterHref, sectionOf } from '@/lib/nav'

export function ClusterSwitcher({ clusterId }: { clusterId: string }) {
  const { data, isPending, isError, error } = useClusters()
  const router = useRouter()
  const pathname = usePathname()
  const known = data?.clusters.some((c) => c.id === clusterId) ?? false

  return (
    <div className="flex items-center gap-2">
      <label htmlFor="cluster-switcher" className="text-xs font-medium text-muted">
        Cluster
      </label>
      <div className="relative">
        <select
          id="cluster-switcher"
          data-testid="cluster-switcher"
          value={clusterId}
          disabled={isPending || isError}
          // Keep the section: from /clusters/a/topics/x go to /clusters/b/topics (b may not have topic x).
          onChange={(e) => router.push(clusterHref(e.target.value, sectionOf(pathname)))}
          className="h-8 max-w-64 cursor-pointer appearance-none truncate rounded-md border border-border-strong bg-surface py-0 pr-8 pl-2.5 text-sm font-medium disabled:cursor-default disabled:opacity-70"
        >
          {!known && (
            <option value={clusterId}>
              {clusterId}
              {data ? ' (not configured)' : ''}
            </option>
          )}
          {data?.clusters.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <ChevronDownIcon className="pointer-events-none absolute top-2 right-2 size-4 text-muted" />
      </div>
      {isError && (
        <span role="img" aria-label={`Cluster list unavailable: ${error.message}`} title={error.message}>
          <AlertIcon className="size-4 text-danger" />
        </span>
      )}
    </div>
  )
}
