import 'server-only'
import { Admin } from '@platformatic/kafka'
import { getClusterConfig } from '@/lib/config'
import { registerClientPool } from './client'
import { connectionOptionsFor } from './platformatic-connection'

// One @platformatic/kafka Admin per cluster, for what kafkajs cannot do or does slowly (OffsetFetch for many groups
// in one request, OffsetCommit without joining the group, DeleteRecords on KRaft). Kept on globalThis so `next dev`
// hot reloads reuse it; it connects lazily and reconnects by itself after a broker drops it.
const g = globalThis as { __ferryPlatformaticAdmins?: Map<string, Admin> }
g.__ferryPlatformaticAdmins ??= new Map<string, Admin>()
const admins: Map<string, Admin> = g.__ferryPlatformaticAdmins

/** The cluster's shared @platformatic/kafka Admin. */
export function platformaticAdminOf(clusterId: string): Admin {
  const existing = admins.get(clusterId)
  if (existing) return existing
  const cluster = getClusterConfig(clusterId)
  const options = connectionOptionsFor(cluster)
  const admin = new Admin({
    clientId: 'ferry-console',
    bootstrapBrokers: cluster.brokers,
    connectTimeout: options.connectTimeout,
    timeout: options.requestTimeout,
    tls: options.tls,
    tlsServerName: options.tlsServerName,
    sasl: options.sasl,
    // A console should say "broker down" in seconds, not after the default 3 × 1 s back-off.
    retries: 2,
    retryDelay: 200,
  })
  admins.set(clusterId, admin)
  return admin
}

/** Closes every pooled admin (tests, shutdown). */
export async function closePlatformaticAdmins(): Promise<void> {
  const list = [...admins.values()]
  admins.clear()
  await Promise.allSettled(list.map((a) => a.close()))
}
registerClientPool(closePlatformaticAdmins)
