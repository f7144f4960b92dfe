import type { StatTone } from '@/components/ui/stat-card'
import { HttpError } from '@/lib/client/fetch-json'
import type { BootstrapProbe } from '@/lib/cluster/types'

function isProbe(value: unknown): value is BootstrapProbe {
  const p = value as Partial<BootstrapProbe> | null
  return typeof p?.address === 'string' && typeof p.reachable === 'boolean'
}

/**
 * The bootstrap probes the server attaches to a 503 (`details.bootstrap`), so an unreachable cluster still shows
 * which addresses answered a TCP connect. Null when the error carries none.
 */
export function bootstrapFromError(error: unknown): BootstrapProbe[] | null {
  if (!(error instanceof HttpError)) return null
  const probes = (error.details as { bootstrap?: unknown } | undefined)?.bootstrap
  if (!Array.isArray(probes) || probes.length === 0 || !probes.every(isProbe)) return null
  return probes
}

/** Any count above zero of something broken needs attention: offline is red, under-replicated amber. */
export function healthTone(count: number, severity: Exclude<StatTone, 'default'>): StatTone {
  return count > 0 ? severity : 'default'
}
