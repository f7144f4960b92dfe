import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { runKafkaTool } from '../../scripts/kafka/broker'
import { createTopicsAndWait, uniqueName, useTestCluster } from '../../test/test-cluster'
import { closeAllClients } from '../kafka/client'
import { getClusterOverview } from './get-cluster-overview'

describe('getClusterOverview (real broker)', () => {
  const topic = uniqueName('overview')
  beforeAll(async () => {
    useTestCluster([{ id: 'down', brokers: ['127.0.0.1:1'], connectionTimeoutMs: 500 }])
    await createTopicsAndWait(inject('kafkaBootstrap').split(','), [{ topic, numPartitions: 3 }])
  })
  afterAll(closeAllClients)

  it('reports the broker, controller, cluster id and version that Kafka itself reports', async () => {
    const o = await getClusterOverview('test')
    const port = Number(inject('kafkaBootstrap').split(':')[1])
    expect(o.brokers).toEqual([
      expect.objectContaining({ nodeId: 1, host: '127.0.0.1', port, isController: true, rack: null }),
    ])
    expect(o.controllerId).toBe(1)
    expect(o.missingBrokers).toEqual([])
    expect(o.bootstrap).toEqual([expect.objectContaining({ reachable: true })])
    expect(o.kafkaVersion).toBe(inject('kafkaVersion').split('.').slice(0, 2).join('.'))

    // Kafka's own CLI is the reference for the cluster id and the topic count.
    const libs = inject('kafkaLibs')
    const bs = inject('kafkaBootstrap')
    const cliClusterId = runKafkaTool(libs, 'org.apache.kafka.tools.ClusterTool', [
      'cluster-id',
      '--bootstrap-server',
      bs,
    ])
    expect(cliClusterId).toContain(o.kafkaClusterId)
    const cliTopics = runKafkaTool(libs, 'org.apache.kafka.tools.TopicCommand', ['--bootstrap-server', bs, '--list'])
      .split('\n')
      .filter(Boolean)
    expect(cliTopics).toContain(topic)
    const after = await getClusterOverview('test')
    expect(after.topicCount).toBeGreaterThanOrEqual(cliTopics.length)
    expect(after.partitionCount).toBeGreaterThanOrEqual(3)
    expect(after.underReplicatedPartitions).toBe(0)
    expect(after.offlinePartitions).toBe(0)
  })

  it('fails with broker_unavailable, naming the address and the probe result, when no broker answers', async () => {
    const err = await getClusterOverview('down').catch((e) => e)
    expect(err).toMatchObject({ code: 'broker_unavailable' })
    expect(err.message).toContain('127.0.0.1:1')
    expect(err.details).toEqual({ bootstrap: [expect.objectContaining({ address: '127.0.0.1:1', reachable: false })] })
  })

  it('rejects an unknown cluster id with not_found', async () => {
    await expect(getClusterOverview('nope')).rejects.toMatchObject({ code: 'not_found' })
  })
})
