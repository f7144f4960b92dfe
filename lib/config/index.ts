import 'server-only'
import { ApiError } from '@/lib/errors'
import { type LoadedConfig, loadConfig } from './load-config'
import type { ClusterConfig } from './schema'
import type { ClusterSummary } from './types'

// Parsed once per process; the instrumentation hook calls getConfig() at start so a bad file stops the server.
const g = globalThis as { __ferryConfig?: LoadedConfig }

export function getConfig(): LoadedConfig {
  g.__ferryConfig ??= loadConfig()
  return g.__ferryConfig
}

/** Replaces the loaded config (tests, or a reload); pooled clients of removed clusters are not touched. */
export function replaceConfig(loaded: LoadedConfig): void {
  g.__ferryConfig = loaded
}

/** The cluster's config, or a 404 ApiError naming the unknown id. */
export function getClusterConfig(clusterId: string): ClusterConfig {
  const cluster = getConfig().config.clusters.find((c) => c.id === clusterId)
  if (!cluster) throw new ApiError('not_found', `Unknown cluster "${clusterId}"`)
  return cluster
}

/** What the browser may know about a cluster: never passwords or key material. */
export function summarizeCluster(c: ClusterConfig): ClusterSummary {
  const tls = c.ssl !== undefined && c.ssl !== false
  return {
    id: c.id,
    name: c.name ?? c.id,
    brokers: c.brokers,
    securityProtocol: c.sasl ? (tls ? 'SASL_SSL' : 'SASL_PLAINTEXT') : tls ? 'SSL' : 'PLAINTEXT',
    saslMechanism: c.sasl?.mechanism.toUpperCase(),
    saslUsername: c.sasl?.username,
    readOnly: c.readOnly,
  }
}

export function listClusterSummaries(): ClusterSummary[] {
  return getConfig().config.clusters.map(summarizeCluster)
}
