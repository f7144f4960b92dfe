import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GET } from '../../app/api/clusters/route'
import { type LocalKafka, startKafka } from '../../scripts/kafka/broker'
import type { TestCertificates } from '../../scripts/kafka/tls-certs'
import { useClusters } from '../../test/test-cluster'
import { getClusterOverview } from '../cluster/get-cluster-overview'
import { listTopics } from '../topics/list-topics'
import { closeAllClients } from './client'

// A broker of its own: the shared integration broker has no SSL listener. Its SSL listener demands a client
// certificate signed by the test CA (mutual TLS).
describe('TLS against the real broker', () => {
  let kafka: LocalKafka
  let certs: TestCertificates

  beforeAll(async () => {
    kafka = await startKafka({ port: 0, tls: 'required-client-auth', version: process.env.FERRY_KAFKA_VERSION })
    if (!kafka.sslBootstrap || !kafka.certificates) throw new Error('startKafka did not open an SSL listener')
    certs = kafka.certificates
    const brokers = kafka.sslBootstrap.split(',')
    const client = { certFile: certs.clientCertPem, keyFile: certs.clientKeyPem }
    useClusters([
      { id: 'mtls', brokers, ssl: { caFile: certs.caPem, ...client } },
      { id: 'no-client-cert', brokers, ssl: { caFile: certs.caPem } },
      { id: 'wrong-ca', brokers, ssl: { caFile: certs.otherCaPem, ...client } },
    ])
  })
  afterAll(async () => {
    await closeAllClients()
    await kafka?.stop()
  })

  it('connects with the CA and a client certificate, and the version probe uses them too', async () => {
    const overview = await getClusterOverview('mtls')
    expect(overview.brokers).toHaveLength(1)
    // Without the CA and client certificate the raw ApiVersions probe fails and the version reads "unknown".
    expect(overview.kafkaVersion).toBe(kafka.version.split('.').slice(0, 2).join('.'))
    const { topics } = await listTopics('mtls')
    expect(Array.isArray(topics)).toBe(true)
  })

  it('reports a refused handshake when no client certificate is configured', async () => {
    const err = await getClusterOverview('no-client-cert').catch((e) => e)
    expect(err).toMatchObject({ code: 'broker_unavailable' })
    expect(err.message).toMatch(/^TLS handshake with the Kafka brokers of cluster "no-client-cert" \(.+\) failed: /)
    expect(err.message).toMatch(/client certificate/)
    // The pool forgets the failed connect: the next call fails the same way instead of hanging.
    await expect(listTopics('no-client-cert')).rejects.toMatchObject({ code: 'broker_unavailable' })
  })

  it('names the certificate problem when the CA is wrong', async () => {
    const err = await getClusterOverview('wrong-ca').catch((e) => e)
    expect(err).toMatchObject({ code: 'broker_unavailable' })
    expect(err.message).toMatch(/^TLS handshake with the Kafka brokers of cluster "wrong-ca" \(.+\) failed: /)
    expect(err.message).toMatch(/certificate/)
    expect(err.message).toMatch(/caFile/)
  })

  it('never sends key material to the browser', async () => {
    const res = await GET(new Request('http://x/api/clusters'), undefined)
    expect(res.status).toBe(200)
    const body = await res.text()
    const keyBody = readFileSync(certs.clientKeyPem, 'utf8').split('\n')[1] ?? ''
    expect(keyBody.length).toBeGreaterThan(20)
    expect(body).not.toContain(keyBody)
    expect(body).not.toContain('PRIVATE KEY')
    expect(JSON.parse(body).clusters).toContainEqual(expect.objectContaining({ id: 'mtls', securityProtocol: 'SSL' }))
  })
})
