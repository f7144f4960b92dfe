// Facts about a request that sign-in and CSRF checks need. Pure (Request in, answer out): the proxy uses it too.

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1'])

export function isLoopbackAddress(addr: string): boolean {
  const a = addr.trim().toLowerCase()
  return a === '::1' || a === 'localhost' || a.startsWith('127.') || a.startsWith('::ffff:127.')
}

/**
 * The client's address as Next's server saw it (it sets x-forwarded-for from the socket unless a client sent one).
 * Only the first hop: behind a proxy, configure it to overwrite the header.
 */
export function clientAddressOf(req: Request): string | undefined {
  return req.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || undefined
}

/**
 * Whether a request is local: the Host it was sent to and every forwarded-for hop are loopback. A Host check also
 * stops DNS-rebinding pages. Not a substitute for binding to 127.0.0.1 (headers can be forged by a remote curl).
 */
export function isLoopbackRequest(req: Request): boolean {
  const hostHeader = req.headers.get('host')
  const hops = req.headers.get('x-forwarded-for')
  // Next's server always passes Host (HTTP/1.1) and sets x-forwarded-for from the socket: a Request with neither was
  // built in-process (tests, server code), not received from the network.
  if (!hostHeader && !hops) return true
  if (hostHeader) {
    const host = hostnameOf(hostHeader)
    if (!LOOPBACK_HOSTS.has(host) && !host.endsWith('.localhost')) return false
  }
  return !hops || hops.split(',').every((h) => isLoopbackAddress(h))
}

function hostnameOf(host: string): string {
  const h = host.toLowerCase()
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1)
  return h.replace(/:\d+$/, '')
}

/** Whether the browser talks to us over https (directly or through a TLS-terminating proxy). */
export function isHttps(req: Request): boolean {
  const proto = req.headers.get('x-forwarded-proto')?.split(',')[0]?.trim()
  return proto ? proto === 'https' : new URL(req.url).protocol === 'https:'
}

/** The origin the browser used, e.g. http://127.0.0.1:3000. */
export function requestOrigin(req: Request): string {
  const url = new URL(req.url)
  const host = req.headers.get('x-forwarded-host')?.split(',')[0]?.trim() || req.headers.get('host') || url.host
  return `${isHttps(req) ? 'https' : 'http'}://${host}`
}

/** The header every mutating API call of the console sends; a cross-site form cannot, and fetch would need CORS. */
export const CSRF_HEADER = 'x-ferry-request'

/**
 * Why a mutating request looks cross-site, or null. Browsers send Sec-Fetch-Site and Origin; a request with neither
 * (curl, tests) passes this check. With sign-in on, the custom header is required too (`requireHeader`).
 */
export function csrfRefusal(req: Request, requireHeader: boolean): string | null {
  const site = req.headers.get('sec-fetch-site')
  if (site && site !== 'same-origin' && site !== 'none') return `cross-site request refused (Sec-Fetch-Site: ${site})`
  const origin = req.headers.get('origin')
  if (origin && origin !== requestOrigin(req) && origin !== new URL(req.url).origin)
    return `cross-origin request refused (Origin ${origin})`
  if (requireHeader && req.headers.get(CSRF_HEADER) !== '1')
    return `the ${CSRF_HEADER}: 1 header is missing (the console sends it; scripts must too)`
  return null
}
