import net from 'node:net'
import tls from 'node:tls'
import { framedMessage, Reader, WireError, Writer } from './wire'

// kafkajs hides the broker's ApiVersions answer, which Ferry needs to show the Kafka release and to choose between
// group APIs. This probe speaks just that one request on its own short-lived socket. ApiVersions is accepted before
// SASL authentication, so it also works on SASL listeners without credentials.

export type VersionRange = { min: number; max: number }

export type ApiVersionsResult = {
  /** Supported version range per API key. */
  apiKeys: Map<number, VersionRange>
  /** Feature versions this broker's software supports (v3+ only). */
  supportedFeatures: Record<string, VersionRange>
  /** Feature levels finalized for the cluster, e.g. metadata.version (v3+ only). */
  finalizedFeatures: Record<string, VersionRange>
  finalizedFeaturesEpoch: bigint | null
  zkMigrationReady: boolean
  /** ApiVersions version the broker answered: 3, or 0 after an UNSUPPORTED_VERSION fallback. */
  requestVersion: number
}

export type ApiVersionsOptions = {
  tls?: tls.ConnectionOptions | false
  /** Bounds the whole probe, connect and fallback included. */
  timeoutMs?: number
  clientId?: string
}

export type ProbeFailure = 'address' | 'connect' | 'timeout' | 'closed' | 'malformed' | 'broker'

export class ApiVersionsError extends Error {
  override name = 'ApiVersionsError'
  constructor(
    message: string,
    readonly reason: ProbeFailure,
    options?: ErrorOptions,
  ) {
    super(message, options)
  }
}

const API_VERSIONS = 18
const UNSUPPORTED_VERSION = 35
const DEFAULT_TIMEOUT_MS = 3_000
// A real answer is ~1-2 KB; anything far larger means the peer is not speaking Kafka (TLS alert, HTTP...).
const MAX_RESPONSE_BYTES = 1 << 20
// Brokers validate these against [a-zA-Z0-9](?:[a-zA-Z0-9\-.]*[a-zA-Z0-9])? and answer INVALID_REQUEST otherwise.
const SOFTWARE_NAME = 'ferry'
const SOFTWARE_VERSION = '0.1.0'

/** Asks one broker (`host:port`) which API versions and features it supports. Never leaves its socket open. */
export async function fetchApiVersions(address: string, opts: ApiVersionsOptions = {}): Promise<ApiVersionsResult> {
  const target = parsedAddress(address)
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const deadline = { at: Date.now() + timeoutMs, ms: timeoutMs }
  const clientId = opts.clientId ?? 'ferry-probe'
  const v3 = await responseOf(target, apiVersionsRequest(3, 1, clientId), opts.tls ?? false, deadline)
  const parsed = parsedResponse(v3, 3, 1, target)
  if (parsed !== 'unsupported') return parsed
  // Brokers older than 2.4 answer v3 with UNSUPPORTED_VERSION (in v0 format); every broker since 0.10 knows v0.
  const v0 = await responseOf(target, apiVersionsRequest(0, 2, clientId), opts.tls ?? false, deadline)
  const fallback = parsedResponse(v0, 0, 2, target)
  if (fallback === 'unsupported') throw new ApiVersionsError(`${target.label} rejected ApiVersions v0`, 'broker')
  return fallback
}

type Target = { host: string; port: number; label: string }

function parsedAddress(address: string): Target {
  const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(address.trim())
  const port = Number(match?.[2])
  if (!match?.[1] || !Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new ApiVersionsError(`Not a host:port broker address: "${address}"`, 'address')
  }
  return { host: match[1], port, label: `${match[1]}:${port}` }
}

/** Request header v2 (flexible) for v3, v1 for v0; the v3 body names the client software. */
function apiVersionsRequest(version: 0 | 3, correlationId: number, clientId: string): Buffer {
  const w = new Writer().int16(API_VERSIONS).int16(version).int32(correlationId).nullableString(clientId)
  if (version === 3) {
    w.emptyTaggedFields().compactString(SOFTWARE_NAME).compactString(SOFTWARE_VERSION).emptyTaggedFields()
  }
  return framedMessage(w.toBuffer())
}

/**
 * Decodes an ApiVersions response. ApiVersions responses always use response header v0 (no tagged fields), and an
 * UNSUPPORTED_VERSION answer is encoded as v0 whatever version was asked, so the error code is checked first.
 */
function parsedResponse(
  payload: Buffer,
  version: 0 | 3,
  correlationId: number,
  target: Target,
): ApiVersionsResult | 'unsupported' {
  try {
    const r = new Reader(payload)
    const gotCorrelation = r.int32()
    if (gotCorrelation !== correlationId) {
      throw new WireError(`correlation id ${gotCorrelation}, expected ${correlationId}`)
    }
    const errorCode = r.int16()
    if (errorCode === UNSUPPORTED_VERSION) return 'unsupported'
    if (errorCode !== 0) {
      throw new ApiVersionsError(`${target.label} answered ApiVersions with error code ${errorCode}`, 'broker')
    }
    const result = version === 3 ? v3Body(r) : v0Body(r)
    if (r.remaining !== 0) throw new WireError(`${r.remaining} unexpected trailing byte(s)`)
    return result
  } catch (err) {
    if (!(err instanceof WireError)) throw err
    const message = `Malformed ApiVersions v${version} response from ${target.label}: ${err.message}`
    throw new ApiVersionsError(message, 'malformed', { cause: err })
  }
}

function v0Body(r: Reader): ApiVersionsResult {
  const apiKeys = new Map(r.array((item) => [item.int16(), { min: item.int16(), max: item.int16() }] as const))
  return {
    apiKeys,
    supportedFeatures: {},
    finalizedFeatures: {},
    finalizedFeaturesEpoch: null,
    zkMigrationReady: false,
    requestVersion: 0,
  }
}

function v3Body(r: Reader): ApiVersionsResult {
  const apiKeys = new Map(
    r.compactArray((item) => {
      const entry = [item.int16(), { min: item.int16(), max: item.int16() }] as const
      item.taggedFields()
      return entry
    }),
  )
  r.int32() // throttle_time_ms
  const result: ApiVersionsResult = {
    apiKeys,
    supportedFeatures: {},
    finalizedFeatures: {},
    finalizedFeaturesEpoch: null,
    zkMigrationReady: false,
    requestVersion: 3,
  }
  r.taggedFields((tag, field) => {
    if (tag === 0) result.supportedFeatures = featuresOf(field, 'min-max')
    else if (tag === 1) result.finalizedFeaturesEpoch = epochOf(field.int64())
    else if (tag === 2) result.finalizedFeatures = featuresOf(field, 'max-min')
    else if (tag === 3) result.zkMigrationReady = field.int8() !== 0
  })
  return result
}

/** SupportedFeatures list min then max; FinalizedFeatures list max_version_level then min_version_level. */
function featuresOf(r: Reader, order: 'min-max' | 'max-min'): Record<string, VersionRange> {
  const entries = r.compactArray((item) => {
    const entry = [item.compactString(), item.int16(), item.int16()] as const
    item.taggedFields()
    return entry
  })
  const features: Record<string, VersionRange> = {}
  for (const [name, first, second] of entries) {
    features[name] = order === 'min-max' ? { min: first, max: second } : { min: second, max: first }
  }
  return features
}

// -1 is Kafka's "no finalized features yet".
function epochOf(epoch: bigint): bigint | null {
  return epoch < 0n ? null : epoch
}

/** Sends one framed request on a fresh socket and returns the response frame's payload (size prefix removed). */
function responseOf(
  target: Target,
  request: Buffer,
  tlsOptions: tls.ConnectionOptions | false,
  deadline: { at: number; ms: number },
): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const socket = tlsOptions
      ? tls.connect({
          host: target.host,
          port: target.port,
          // SNI must be a host name, never an IP literal.
          servername: net.isIP(target.host) ? undefined : target.host,
          ...tlsOptions,
        })
      : net.connect({ host: target.host, port: target.port })
    let buffered: Buffer = Buffer.alloc(0)
    let expected = -1
    let settled = false
    let connected = false
    const timeout = `${target.label} did not answer ApiVersions within ${deadline.ms} ms`
    const timer = setTimeout(
      () => finish(new ApiVersionsError(timeout, 'timeout')),
      Math.max(0, deadline.at - Date.now()),
    )
    const finish = (err: Error | null, payload?: Buffer) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      socket.destroy()
      if (err) reject(err)
      else resolve(payload as Buffer)
    }

    socket.setNoDelay(true)
    socket.once(tlsOptions ? 'secureConnect' : 'connect', () => {
      connected = true
    })
    socket.on('error', (err) => {
      // Refused, unreachable or a failed TLS handshake count as connect failures; a reset mid-answer does not.
      const reason = connected ? 'closed' : 'connect'
      finish(new ApiVersionsError(`Cannot probe Kafka broker ${target.label}: ${err.message}`, reason, { cause: err }))
    })
    socket.on('data', (chunk: Buffer) => {
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk])
      if (expected < 0 && buffered.length >= 4) {
        expected = buffered.readInt32BE(0)
        if (expected < 6 || expected > MAX_RESPONSE_BYTES) {
          finish(
            new ApiVersionsError(
              `${target.label} did not answer like a Kafka broker (frame size ${expected}); wrong port or TLS setting?`,
              'malformed',
            ),
          )
          return
        }
      }
      if (expected >= 0 && buffered.length >= 4 + expected) finish(null, buffered.subarray(4, 4 + expected))
    })
    socket.on('close', () => {
      const progress = expected < 0 ? 'before answering' : `after ${buffered.length - 4} of ${expected} response bytes`
      finish(new ApiVersionsError(`${target.label} closed the connection ${progress}`, 'closed'))
    })
    socket.write(request)
  })
}
