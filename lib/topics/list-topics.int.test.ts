import { Admin } from '@platformatic/kafka'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createTopicsAndWait, testKafka, uniqueName, useTestCluster } from '../../test/test-cluster'
import { closeAllClients } from '../kafka/client'
import { listTopics } from './list-topics'

describe('listTopics (real broker)', () => {
  const busy = uniqueName('orders')
  const compacted = uniqueName('profiles')
  beforeAll(async () => {
    useTestCluster()
    const kafka = testKafka()
    await createTopicsAndWait(inject('kafkaBootstrap').split(','), [
      { topic: busy, numPartitions: 3, configEntries: [{ name: 'retention.ms', value: '3600000' }] },
      { topic: compacted, numPartitions: 1, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] },
    ])
    const admin = kafka.admin()
    await admin.connect()
    const producer = kafka.producer()
    await producer.connect()
    // 10 + 20 + 30 records on partitions 0..2, then purge the first 5 of partition 0: count = 5 + 20 + 30.
    for (const [partition, n] of [
      [0, 10],
      [1, 20],
      [2, 30],
    ] as const) {
      await producer.send({
        topic: busy,
        messages: Array.from({ length: n }, (_, i) => ({ partition, key: `k${i}`, value: `v${i}` })),
      })
    }
    await producer.disconnect()
    // kafkajs' deleteTopicRecords fails against Kafka 4.x (see test/kafkajs-gaps.int.test.ts); purge with the
    // other client.
    const purger = new Admin({ clientId: 'ferry-test', bootstrapBrokers: inject('kafkaBootstrap').split(',') })
    await purger.deleteRecords({ topics: [{ name: busy, partitions: [{ partition: 0, offset: 5n }] }] })
    await purger.close()
    // A commit makes Kafka create __consumer_offsets, the internal topic asserted below.
    await admin.setOffsets({ groupId: uniqueName('g'), topic: busy, partitions: [{ partition: 1, offset: '3' }] })
    await admin.disconnect()
  })
  afterAll(closeAllClients)

  it('counts messages as the sum of high − low watermarks and reads retention and cleanup policy', async () => {
    const { topics } = await listTopics('test')
    const t = topics.find((x) => x.name === busy)
    expect(t).toEqual({
      name: busy,
      internal: false,
      partitions: 3,
      replicationFactor: 1,
      underReplicatedPartitions: 0,
      offlinePartitions: 0,
      messageCount: '55',
      retentionMs: '3600000',
      retentionBytes: '-1',
      cleanupPolicy: 'delete',
    })
    expect(topics.find((x) => x.name === compacted)).toMatchObject({ messageCount: '0', cleanupPolicy: 'compact' })
  })

  it('flags Kafka internal topics and sorts by name', async () => {
    const { topics } = await listTopics('test')
    expect(topics.find((t) => t.name === '__consumer_offsets')).toMatchObject({ internal: true, partitions: 50 })
    expect(topics.find((t) => t.name === busy)?.internal).toBe(false)
    expect(topics.map((t) => t.name)).toEqual([...topics.map((t) => t.name)].sort((a, b) => a.localeCompare(b)))
  })
})
