import { Card, CardHeader } from '@/components/ui/card'
import { cn } from '@/components/ui/cn'
import { CheckIcon, CrossIcon } from '@/components/ui/icons'
import type { BootstrapProbe } from '@/lib/cluster/types'

const formatLatency = (ms: number) => `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`

type BootstrapListProps = { probes: BootstrapProbe[]; asCard?: boolean }

export function BootstrapList({ probes, asCard }: BootstrapListProps) {
  const list = (
    <ul className={cn('flex flex-col', asCard ? 'divide-y divide-border' : 'gap-1')} aria-label="Bootstrap servers">
      {probes.map((p) => (
        <li
          key={p.address}
          data-testid={`bootstrap-${p.address}`}
          className={cn('flex items-start gap-2 text-sm', asCard && 'px-4 py-2')}
        >
          {p.reachable ? (
            <CheckIcon className="mt-0.5 size-4 shrink-0 text-success" />
          ) : (
            <CrossIcon className="mt-0.5 size-4 shrink-0 text-danger" />
          )}
          <span className="sr-only">{p.reachable ? 'reachable:' : 'unreachable:'}</span>
          <span className="font-mono text-xs leading-5">{p.address}</span>
          <span className={cn('ml-auto text-right text-xs leading-5', p.reachable ? 'text-muted' : 'text-danger')}>
            {p.reachable
              ? p.latencyMs === undefined
                ? 'reachable'
                : formatLatency(p.latencyMs)
              : (p.error ?? 'unreachable')}
          </span>
        </li>
      ))}
    </ul>
  )
  if (!asCard) return list
  return (
    <Card>
      <CardHeader title="Bootstrap servers" description="TCP connect from the Ferry server, just now" />
      {list}
    </Card>
  )
}
