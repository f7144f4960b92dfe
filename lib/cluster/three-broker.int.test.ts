import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type LocalKafka, startKafka } from '../../scripts/kafka/broker'
import { createTopicsAndWait, useClusters } from '../../test/test-cluster'
import { closeAllClients } from '../kafka/client'
import { listTopics } from '../topics/list-topics'
import { getClusterOverview } from './get-cluster-overview'

// Fault test on a real 3-broker KRaft cluster: stop one broker and the overview must say which one is gone, and
// partition health must reflect it.
describe('a broker goes down in a 3-broker cluster', () => {
  let kafka: LocalKafka
  beforeAll(async () => {
    kafka = await startKafka({ port: 0, brokers: 3, heap: '384m', version: process.env.FERRY_KAFKA_VERSION })
    useClusters([{ id: 'trio', brokers: kafka.bootstrap.split(',') }])
    await createTopicsAndWait(kafka.bootstrap.split(','), [
      { topic: 'replicated', numPartitions: 6, replicationFactor: 3 },
    ])
  })
  afterAll(async () => {
    await closeAllClients()
    await kafka?.stop()
  })

  it('shows three healthy brokers, then names the stopped one as missing with under-replicated partitions', async () => {
    const before = await getClusterOverview('trio')
    expect(before.brokers.map((b) => b.nodeId)).toEqual([1, 2, 3])
    expect(before.underReplicatedPartitions).toBe(0)

    await kafka.stopNode(3)
    // The controller drops the broker from ISR and metadata once its session expires; poll until it shows.
    let after = await getClusterOverview('trio')
    for (let i = 0; i < 60 && (after.missingBrokers.length === 0 || after.underReplicatedPartitions === 0); i++) {
      await new Promise((r) => setTimeout(r, 500))
      after = await getClusterOverview('trio')
    }
    expect(after.brokers.map((b) => b.nodeId)).toEqual([1, 2])
    expect(after.missingBrokers).toEqual([expect.objectContaining({ nodeId: 3 })])
    expect(after.missingBrokers[0]?.replicaCount).toBeGreaterThanOrEqual(6)
    expect(after.offlinePartitions).toBe(0) // RF 3: leaders moved to the surviving brokers
    expect(after.underReplicatedPartitions).toBeGreaterThanOrEqual(6)
    const bootstrap3 = after.bootstrap.find((b) => b.address.endsWith(`:${kafka.nodes[2]?.port}`))
    expect(bootstrap3).toMatchObject({ reachable: false })

    const topic = (await listTopics('trio')).topics.find((t) => t.name === 'replicated')
    expect(topic).toMatchObject({ partitions: 6, replicationFactor: 3, offlinePartitions: 0 })
    expect(topic?.underReplicatedPartitions).toBe(6)
  }, 120_000)
})
