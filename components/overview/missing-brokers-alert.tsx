import { AlertIcon } from '@/components/ui/icons'
import { pluralize } from '@/lib/client/format'
import type { MissingBroker } from '@/lib/cluster/types'

export function MissingBrokersAlert({ missing }: { missing: MissingBroker[] }) {
  if (missing.length === 0) return null
  return (
    <div role="alert" className="flex gap-3 rounded-lg border border-danger/50 bg-danger-soft px-4 py-3">
      <AlertIcon className="mt-0.5 size-4 shrink-0 text-danger" />
      <div className="min-w-0">
        <h2 className="text-sm font-semibold text-danger">
          {missing.length === 1 ? 'A broker is missing' : `${missing.length} brokers are missing`}
        </h2>
        <ul className="mt-1 flex flex-col gap-0.5 text-sm">
          {missing.map((b) => (
            <li key={b.nodeId} data-testid={`missing-broker-${b.nodeId}`}>
              Broker {b.nodeId} is not in the cluster metadata — it holds {pluralize(b.replicaCount, 'replica')}; it is
              probably down.
            </li>
          ))}
        </ul>
      </div>
    </div>
  )
}
