import 'server-only'
import { getClusterConfig } from '@/lib/config'
import { inferKafkaRelease } from './kafka-version'
import { fetchApiVersions } from './protocol/api-versions'
import { tlsOptionsFor } from './tls-options'

export type KafkaVersionInfo = { release: string | null; source: string }

const CACHE_MS = 60_000
const g = globalThis as { __ferryVersions?: Map<string, { at: number; info: KafkaVersionInfo }> }
g.__ferryVersions ??= new Map()
const cache = g.__ferryVersions

/**
 * The Kafka release the cluster runs, inferred from the first reachable bootstrap broker's ApiVersions answer
 * (its finalized metadata.version). Cached for a minute; never throws: "unknown" when no broker answers.
 */
export async function detectKafkaVersion(clusterId: string): Promise<KafkaVersionInfo> {
  const hit = cache.get(clusterId)
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.info
  const cluster = getClusterConfig(clusterId)
  let info: KafkaVersionInfo = { release: null, source: 'unknown (no broker answered ApiVersions)' }
  for (const address of cluster.brokers) {
    try {
      // The same CA and client certificate as kafkajs: a private CA or mutual TLS must not leave the version unknown.
      // Inside the try: an unreadable PEM file means "unknown", not a failed overview.
      const tls = tlsOptionsFor(cluster, hostOf(address))
      info = inferKafkaRelease(await fetchApiVersions(address, { tls, timeoutMs: 2_000 }))
      break
    } catch {
      // try the next bootstrap address
    }
  }
  cache.set(clusterId, { at: Date.now(), info })
  return info
}

/** The host of `host:port` or `[ipv6]:port`. */
function hostOf(address: string): string | undefined {
  return /^\[?([^\]]+?)\]?:\d+$/.exec(address.trim())?.[1]
}
