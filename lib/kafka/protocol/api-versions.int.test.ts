import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type LocalKafka, runKafkaTool, startKafka } from '../../../scripts/kafka/broker'
import { inferKafkaRelease, metadataVersionLevel } from '../kafka-version'
import { ApiVersionsError, type ApiVersionsResult, fetchApiVersions } from './api-versions'
import { framedMessage, Reader, Writer } from './wire'

/** metadata.version as Kafka's own FeatureCommand prints it (names like "4.3-IV0", not levels). */
function describedMetadataVersion(kafka: LocalKafka) {
  const out = runKafkaTool(kafka.libs, 'org.apache.kafka.tools.FeatureCommand', [
    '--bootstrap-server',
    kafka.bootstrap,
    'describe',
  ])
  // One line per feature; 4.x pads the columns with spaces, 3.9 with tabs.
  const line = out.split('\n').find((l) => /Feature:\s*metadata\.version\s/.test(l))
  const field = (name: string) => new RegExp(`${name}:\\s*(\\S+)`).exec(line ?? '')?.[1]
  const [supportedMin, supportedMax, finalized] = [
    'SupportedMinVersion',
    'SupportedMaxVersion',
    'FinalizedVersionLevel',
  ].map(field)
  if (!supportedMin || !supportedMax || !finalized)
    throw new Error(`No metadata.version in FeatureCommand output:\n${out}`)
  return { supportedMin, supportedMax, finalized }
}

async function rejectionOf(promise: Promise<unknown>): Promise<ApiVersionsError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(ApiVersionsError)
  return err as ApiVersionsError
}

describe('ApiVersions against Kafka 4.3.1', () => {
  let kafka: LocalKafka
  let plain: ApiVersionsResult
  beforeAll(async () => {
    kafka = await startKafka({ port: 0, sasl: true, version: '4.3.1' })
    plain = await fetchApiVersions(kafka.bootstrap)
  })
  afterAll(async () => {
    await kafka?.stop()
  })

  it('lists ApiVersions and Produce with sane ranges, answering v3', () => {
    expect(plain.requestVersion).toBe(3)
    expect(plain.apiKeys.get(18)?.max).toBeGreaterThanOrEqual(3)
    expect(plain.apiKeys.get(0)).toBeDefined()
    for (const { min, max } of plain.apiKeys.values()) expect(min).toBeLessThanOrEqual(max)
    expect(plain.finalizedFeaturesEpoch).toBeTypeOf('bigint')
  })

  it('maps the finalized metadata.version to release 4.3', () => {
    expect(inferKafkaRelease(plain)).toEqual({ release: '4.3', source: 'metadata.version 4.3-IV0 (level 30)' })
  })

  it('agrees with what kafka-features describe prints for metadata.version', () => {
    const described = describedMetadataVersion(kafka)
    expect(metadataVersionLevel(described.finalized)).toBe(plain.finalizedFeatures['metadata.version']?.max)
    expect(metadataVersionLevel(described.supportedMin)).toBe(plain.supportedFeatures['metadata.version']?.min)
    expect(metadataVersionLevel(described.supportedMax)).toBe(plain.supportedFeatures['metadata.version']?.max)
  })

  it('gets the same answer from the SASL listener without authenticating', async () => {
    const sasl = await fetchApiVersions(kafka.saslBootstrap as string)
    expect(sasl.requestVersion).toBe(3)
    expect(sasl.apiKeys).toEqual(plain.apiKeys)
    // SaslHandshake and SaslAuthenticate are what a SASL client needs next.
    expect(sasl.apiKeys.has(17)).toBe(true)
    expect(sasl.apiKeys.has(36)).toBe(true)
    expect(inferKafkaRelease(sasl).release).toBe('4.3')
  })

  it('answers within a few milliseconds on localhost', async () => {
    const times: number[] = []
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now()
      await fetchApiVersions(kafka.bootstrap)
      times.push(performance.now() - t0)
    }
    times.sort((a, b) => a - b)
    console.log(`[api-versions] probe latency ms: min ${times[0]?.toFixed(1)}, median ${times[5]?.toFixed(1)}`)
    expect(times[5]).toBeLessThan(500)
  })
})

describe('ApiVersions probe failures', () => {
  const servers: net.Server[] = []
  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))))
  })

  /** A TCP server on a free port; `onFrame` gets each complete request payload (size prefix removed). */
  async function fakeBroker(onFrame: (payload: Buffer, socket: net.Socket) => void) {
    const closed: Promise<void>[] = []
    const server = net.createServer((socket) => {
      closed.push(new Promise((resolve) => socket.once('close', () => resolve())))
      let buffered = Buffer.alloc(0)
      socket.on('data', (chunk) => {
        buffered = Buffer.concat([buffered, chunk])
        while (buffered.length >= 4 && buffered.length >= 4 + buffered.readInt32BE(0)) {
          const size = buffered.readInt32BE(0)
          onFrame(buffered.subarray(4, 4 + size), socket)
          buffered = buffered.subarray(4 + size)
        }
      })
      socket.on('error', () => {})
    })
    servers.push(server)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as net.AddressInfo
    return { address: `127.0.0.1:${port}`, closed }
  }

  function requestHeader(payload: Buffer) {
    const r = new Reader(payload)
    return { apiKey: r.int16(), apiVersion: r.int16(), correlationId: r.int32(), clientId: r.nullableString() }
  }

  it('rejects quickly with a connection error on a closed port', async () => {
    const probe = net.createServer()
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
    const { port } = probe.address() as net.AddressInfo
    await new Promise((resolve) => probe.close(resolve))
    const t0 = Date.now()
    const err = await rejectionOf(fetchApiVersions(`127.0.0.1:${port}`))
    expect(err.reason).toBe('connect')
    expect(err.message).toMatch(/ECONNREFUSED/)
    expect(Date.now() - t0).toBeLessThan(1_000)
  })

  it('times out on a server that never answers, and closes its socket', async () => {
    const silent = await fakeBroker(() => {})
    const t0 = Date.now()
    const err = await rejectionOf(fetchApiVersions(silent.address, { timeoutMs: 300 }))
    const elapsed = Date.now() - t0
    expect(err.reason).toBe('timeout')
    expect(elapsed).toBeGreaterThanOrEqual(290)
    expect(elapsed).toBeLessThan(1_000)
    await Promise.all(silent.closed)
    expect(silent.closed).toHaveLength(1)
  })

  it('sends a well-formed v3 request and falls back to v0 on UNSUPPORTED_VERSION', async () => {
    const seen: ReturnType<typeof requestHeader>[] = []
    const old = await fakeBroker((payload, socket) => {
      const header = requestHeader(payload)
      seen.push(header)
      const w = new Writer().int32(header.correlationId)
      // Like a pre-2.4 broker: v3 is answered in v0 format with error 35, v0 with the real list.
      if (header.apiVersion === 3) w.int16(35).arrayLength(1).int16(18).int16(0).int16(2)
      else w.int16(0).arrayLength(2).int16(0).int16(0).int16(7).int16(18).int16(0).int16(2)
      socket.write(framedMessage(w.toBuffer()))
    })
    const result = await fetchApiVersions(old.address, { clientId: 'probe-test' })
    expect(seen.map((h) => [h.apiKey, h.apiVersion, h.clientId])).toEqual([
      [18, 3, 'probe-test'],
      [18, 0, 'probe-test'],
    ])
    expect(result.requestVersion).toBe(0)
    expect([...result.apiKeys]).toEqual([
      [0, { min: 0, max: 7 }],
      [18, { min: 0, max: 2 }],
    ])
    expect(inferKafkaRelease(result)).toEqual({ release: null, source: 'unknown' })
    await Promise.all(old.closed)
  })

  it('skips unknown tagged fields in a v3 answer', async () => {
    const future = await fakeBroker((payload, socket) => {
      const w = new Writer().int32(requestHeader(payload).correlationId).int16(0)
      w.compactArrayLength(1)
        .int16(18)
        .int16(0)
        .int16(9)
        .taggedFields([{ tag: 5, data: Buffer.from([1, 2]) }])
      w.int32(0).taggedFields([
        { tag: 1, data: new Writer().int64(42n).toBuffer() },
        {
          tag: 2,
          data: new Writer()
            .compactArrayLength(1)
            .compactString('metadata.version')
            .int16(30)
            .int16(30)
            .emptyTaggedFields()
            .toBuffer(),
        },
        { tag: 77, data: Buffer.from('from the future') },
      ])
      socket.write(framedMessage(w.toBuffer()))
    })
    const result = await fetchApiVersions(future.address)
    expect(result.apiKeys.get(18)).toEqual({ min: 0, max: 9 })
    expect(result.finalizedFeaturesEpoch).toBe(42n)
    expect(result.finalizedFeatures).toEqual({ 'metadata.version': { min: 30, max: 30 } })
  })

  it('rejects a short response body as malformed', async () => {
    const broken = await fakeBroker((payload, socket) => {
      // Claims 5 API keys, then ends.
      const w = new Writer().int32(requestHeader(payload).correlationId).int16(0).compactArrayLength(5).int16(18)
      socket.write(framedMessage(w.toBuffer()))
    })
    const err = await rejectionOf(fetchApiVersions(broken.address))
    expect(err.reason).toBe('malformed')
    expect(err.message).toMatch(/Malformed ApiVersions v3 response/)
  })

  it('rejects a connection closed mid-frame and a peer that is not Kafka', async () => {
    const halfway = await fakeBroker((_payload, socket) => {
      socket.end(Buffer.from([0, 0, 0, 100, 0, 0]))
    })
    expect((await rejectionOf(fetchApiVersions(halfway.address))).reason).toBe('closed')
    const http = await fakeBroker((_payload, socket) => {
      socket.end('HTTP/1.1 400 Bad Request\r\n\r\n')
    })
    const err = await rejectionOf(fetchApiVersions(http.address))
    expect(err.reason).toBe('malformed')
    expect(err.message).toMatch(/did not answer like a Kafka broker/)
  })

  it('rejects a malformed address without connecting', async () => {
    expect((await rejectionOf(fetchApiVersions('no-port'))).reason).toBe('address')
    expect((await rejectionOf(fetchApiVersions('host:70000'))).reason).toBe('address')
  })
})

describe('ApiVersions against Kafka 3.9.1', () => {
  let kafka: LocalKafka
  beforeAll(async () => {
    kafka = await startKafka({ port: 0, version: '3.9.1' })
  })
  afterAll(async () => {
    await kafka?.stop()
  })

  it('maps the finalized metadata.version to release 3.9, as kafka-features describes it', async () => {
    const result = await fetchApiVersions(kafka.bootstrap)
    expect(result.requestVersion).toBe(3)
    expect(result.apiKeys.get(18)).toBeDefined()
    expect(inferKafkaRelease(result)).toEqual({ release: '3.9', source: 'metadata.version 3.9-IV0 (level 21)' })
    const described = describedMetadataVersion(kafka)
    expect(metadataVersionLevel(described.finalized)).toBe(result.finalizedFeatures['metadata.version']?.max)
    expect(metadataVersionLevel(described.supportedMin)).toBe(result.supportedFeatures['metadata.version']?.min)
  })
})
