import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { LOCAL_SASL_USER } from '../../scripts/kafka/broker'
import { useClusters } from '../../test/test-cluster'
import { getClusterOverview } from '../cluster/get-cluster-overview'
import { listTopics } from '../topics/list-topics'
import { closeAllClients } from './client'

// The integration broker has a SASL_PLAINTEXT listener with PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512 enabled and a
// SCRAM credential created at format time (scripts/kafka/broker.ts).
describe('SASL against the real broker', () => {
  beforeAll(() => {
    const brokers = inject('kafkaSaslBootstrap').split(',')
    const { username, password } = LOCAL_SASL_USER
    useClusters([
      { id: 'plain', brokers, sasl: { mechanism: 'plain', username, password } },
      { id: 'scram256', brokers, sasl: { mechanism: 'scram-sha-256', username, password } },
      { id: 'scram512', brokers, sasl: { mechanism: 'scram-sha-512', username, password } },
      { id: 'wrong', brokers, sasl: { mechanism: 'scram-sha-512', username, password: 'not-the-password' } },
    ])
  })
  afterAll(closeAllClients)

  it.each(['plain', 'scram256', 'scram512'])('authenticates with %s and reads the cluster', async (clusterId) => {
    const overview = await getClusterOverview(clusterId)
    expect(overview.brokers).toHaveLength(1)
    // Reading watermarks goes through the batched path with the same credentials.
    const { topics } = await listTopics(clusterId)
    expect(Array.isArray(topics)).toBe(true)
  })

  it('reports rejected credentials clearly, without echoing the password', async () => {
    const err = await getClusterOverview('wrong').catch((e) => e)
    expect(err).toMatchObject({ code: 'broker_unavailable' })
    expect(err.message).toMatch(/SASL/)
    expect(err.message).not.toContain('not-the-password')
  })
})
