import { Admin } from '@platformatic/kafka'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createTopicsAndWait, testKafka, uniqueName } from './test-cluster'

// Pins what kafkajs 2.2.4 (unmaintained) gets wrong against the broker under test, and that the replacement used
// in lib/kafka/ does it right. If a kafkajs upgrade fixes one, the first expectation fails and the workaround can go.
describe('kafkajs gaps against the real broker', () => {
  const topic = uniqueName('gaps')
  const kafka = testKafka()
  const admin = kafka.admin()
  beforeAll(async () => {
    await admin.connect()
    await createTopicsAndWait(inject('kafkaBootstrap').split(','), [{ topic, numPartitions: 1 }])
    const producer = kafka.producer()
    await producer.connect()
    await producer.send({ topic, messages: Array.from({ length: 10 }, (_, i) => ({ value: `v${i}` })) })
    await producer.disconnect()
  })
  afterAll(() => admin.disconnect())

  it('kafkajs deleteTopicRecords fails (BrokerNotFound); @platformatic/kafka deleteRecords works', async () => {
    const failure = await admin
      .deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: '5' }] })
      .then(() => null)
      .catch((e: { name: string; partitions?: { error: { name: string } }[] }) => e)
    // Seen on both 4.3.1 and 3.9.1 (KRaft): kafkajs cannot find the partition leader it just looked up
    // (BrokerNotFound inside a DeleteTopicRecordsError), or, on a fresh client, claims no metadata is loaded.
    expect(failure).not.toBeNull()
    if (failure?.name === 'KafkaJSDeleteTopicRecordsError')
      expect(failure.partitions?.[0]?.error.name).toBe('KafkaJSBrokerNotFound')
    else expect(failure?.name).toBe('KafkaJSTopicMetadataNotLoaded')
    expect(await admin.fetchTopicOffsets(topic)).toEqual([{ partition: 0, offset: '10', high: '10', low: '0' }])
    const other = new Admin({ clientId: 'ferry-test', bootstrapBrokers: inject('kafkaBootstrap').split(',') })
    try {
      await other.deleteRecords({ topics: [{ name: topic, partitions: [{ partition: 0, offset: 5n }] }] })
    } finally {
      await other.close()
    }
    expect(await admin.fetchTopicOffsets(topic)).toEqual([{ partition: 0, offset: '10', high: '10', low: '5' }])
  })
})
