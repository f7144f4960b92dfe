import net from 'node:net'
import type { BootstrapProbe } from './types'

const PROBE_TIMEOUT_MS = 1_500

/** Tries a TCP connection to each bootstrap address, in parallel, so the UI can say which broker is unreachable. */
export function probeBootstrapServers(addresses: string[], timeoutMs = PROBE_TIMEOUT_MS): Promise<BootstrapProbe[]> {
  return Promise.all(addresses.map((address) => probeOne(address, timeoutMs)))
}

function probeOne(address: string, timeoutMs: number): Promise<BootstrapProbe> {
  const at = address.lastIndexOf(':')
  const host = address.slice(0, at).replace(/^\[|\]$/g, '')
  const port = Number(address.slice(at + 1))
  const started = performance.now()
  return new Promise((resolve) => {
    const sock = net.connect({ host, port })
    const done = (probe: BootstrapProbe) => {
      sock.destroy()
      resolve(probe)
    }
    sock.setTimeout(timeoutMs, () => done({ address, reachable: false, error: `no answer within ${timeoutMs} ms` }))
    sock.once('connect', () =>
      done({ address, reachable: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 }),
    )
    sock.once('error', (err: NodeJS.ErrnoException) =>
      done({ address, reachable: false, error: err.code ?? err.message }),
    )
  })
}
