import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { GET as getGroup } from '../app/api/clusters/[clusterId]/groups/[groupId]/route'
import { GET as getGroups } from '../app/api/clusters/[clusterId]/groups/route'
import { GET as getOverview } from '../app/api/clusters/[clusterId]/overview/route'
import { GET as getTopics } from '../app/api/clusters/[clusterId]/topics/route'
import { GET as getClusters } from '../app/api/clusters/route'
import { closeAllClients } from '../lib/kafka/client'
import { LOCAL_SASL_USER } from '../scripts/kafka/broker'
import { useClusters } from './test-cluster'

const req = (path: string) => new Request(`http://127.0.0.1${path}`)
const params = (clusterId: string) => ({ params: Promise.resolve({ clusterId }) })
const groupParams = (clusterId: string, groupId: string) => ({ params: Promise.resolve({ clusterId, groupId }) })

// The route handlers as Next calls them, against the real broker: status codes, the one error body, no secrets.
describe('API routes', () => {
  beforeAll(() => {
    useClusters([
      { id: 'test', brokers: inject('kafkaBootstrap').split(',') },
      {
        id: 'secured',
        brokers: inject('kafkaSaslBootstrap').split(','),
        sasl: { mechanism: 'scram-sha-512', ...LOCAL_SASL_USER },
      },
      { id: 'offline', brokers: ['127.0.0.1:1'], connectionTimeoutMs: 300 },
    ])
  })
  afterAll(closeAllClients)

  it('lists clusters without passwords', async () => {
    const res = await getClusters(req('/api/clusters'), undefined)
    expect(res.status).toBe(200)
    const text = await res.text()
    expect(text).not.toContain(LOCAL_SASL_USER.password)
    expect(JSON.parse(text).clusters).toContainEqual(
      expect.objectContaining({ id: 'secured', securityProtocol: 'SASL_PLAINTEXT', saslMechanism: 'SCRAM-SHA-512' }),
    )
  })

  it('answers overview and topics with 200 JSON for a live cluster, including the SASL one', async () => {
    for (const id of ['test', 'secured']) {
      const o = await getOverview(req(`/api/clusters/${id}/overview`), params(id))
      expect(o.status).toBe(200)
      expect(o.headers.get('cache-control')).toBe('no-store')
      expect((await o.json()).brokers).toHaveLength(1)
      const t = await getTopics(req(`/api/clusters/${id}/topics`), params(id))
      expect(t.status).toBe(200)
      expect(Array.isArray((await t.json()).topics)).toBe(true)
    }
  })

  it('answers 503 broker_unavailable with the probe details when the brokers are down', async () => {
    const res = await getOverview(req('/api/clusters/offline/overview'), params('offline'))
    expect(res.status).toBe(503)
    const body = await res.json()
    expect(body.error.code).toBe('broker_unavailable')
    expect(body.error.message).toContain('127.0.0.1:1')
    expect(body.error.details.bootstrap[0]).toMatchObject({ address: '127.0.0.1:1', reachable: false })
    const topics = await getTopics(req('/api/clusters/offline/topics'), params('offline'))
    expect(topics.status).toBe(503)
  })

  it('answers 404 for an unknown cluster and 422 for a malformed id', async () => {
    const unknown = await getOverview(req('/api/clusters/nope/overview'), params('nope'))
    expect(unknown.status).toBe(404)
    expect((await unknown.json()).error).toEqual({ code: 'not_found', message: 'Unknown cluster "nope"' })
    for (const bad of ['../etc/passwd', 'UPPER', 'a b', '']) {
      const res = await getTopics(req('/api/clusters/x/topics'), params(bad))
      expect(res.status).toBe(422)
      expect((await res.json()).error.code).toBe('invalid_input')
    }
  })

  it('answers the groups list and one group, including the SASL cluster; 404 for an unknown group', async () => {
    for (const id of ['test', 'secured']) {
      const res = await getGroups(req(`/api/clusters/${id}/groups`), params(id))
      expect(res.status).toBe(200)
      const body = await res.json()
      expect(Array.isArray(body.groups)).toBe(true)
      expect(body.supportedTypes).toContain('classic')
    }
    const missing = await getGroup(req('/api/clusters/test/groups/nobody-here'), groupParams('test', 'nobody-here'))
    expect(missing.status).toBe(404)
    expect((await missing.json()).error.message).toContain('nobody-here')
    // Next passes a segment with reserved characters still percent-encoded: decoded once.
    const encoded = await getGroup(req('/api/clusters/test/groups/a%2Fb'), groupParams('test', 'a%2Fb'))
    expect((await encoded.json()).error.message).toContain('"a/b"')
  })

  it('refuses malformed group ids with 422, and answers 503 when the brokers are down', async () => {
    for (const bad of ['bad\u0000id', 'x'.repeat(256)]) {
      const res = await getGroup(req('/api/clusters/test/groups/x'), groupParams('test', bad))
      expect(res.status).toBe(422)
      expect((await res.json()).error.code).toBe('invalid_input')
    }
    const down = await getGroups(req('/api/clusters/offline/groups'), params('offline'))
    expect(down.status).toBe(503)
    expect((await down.json()).error.code).toBe('broker_unavailable')
  })
})
