import 'server-only'
import { readFileSync } from 'node:fs'
import net from 'node:net'
import type { ConnectionOptions } from 'node:tls'
import type { ClusterConfig } from '@/lib/config/schema'

/**
 * Node TLS options for connecting to a cluster's brokers, or false when it does not use TLS. The PEM files are read
 * here, on the server; with `host` (a broker host name, not an IP) SNI names it. kafkajs and the ApiVersions probe
 * share this, so a private CA or a client certificate works for both.
 */
export function tlsOptionsFor(cluster: ClusterConfig, host?: string): ConnectionOptions | false {
  const ssl = cluster.ssl
  if (ssl === undefined || ssl === false) return false
  // SNI must be a host name, never an IP literal. The key is left out otherwise: callers spread these options over
  // their own, and an explicit `servername: undefined` would erase the SNI they set per broker.
  const sni = host && !net.isIP(host) ? { servername: host } : {}
  if (ssl === true) return { rejectUnauthorized: true, ...sni }
  return {
    rejectUnauthorized: ssl.rejectUnauthorized,
    ca: ssl.caFile ? [readFileSync(/* turbopackIgnore: true */ ssl.caFile, 'utf8')] : undefined,
    cert: ssl.certFile ? readFileSync(/* turbopackIgnore: true */ ssl.certFile, 'utf8') : undefined,
    key: ssl.keyFile ? readFileSync(/* turbopackIgnore: true */ ssl.keyFile, 'utf8') : undefined,
    passphrase: ssl.keyPassword,
    ...sni,
  }
}
