import { randomUUID } from 'node:crypto'
import { Kafka, logLevel } from 'kafkajs'
import { inject } from 'vitest'
import { replaceConfig } from '@/lib/config'
import { FerryConfigSchema } from '@/lib/config/schema'

/** Replaces Ferry's config with these clusters (validated like a config file). */
export function useClusters(clusters: Record<string, unknown>[]): void {
  replaceConfig({ config: FerryConfigSchema.parse({ clusters }), source: 'test' })
}

/** Points Ferry's config at the integration broker as cluster "test" (plus any extra clusters given). */
export function useTestCluster(extra: Record<string, unknown>[] = []): { bootstrap: string } {
  const bootstrap = inject('kafkaBootstrap')
  useClusters([{ id: 'test', brokers: bootstrap.split(',') }, ...extra])
  return { bootstrap }
}

/** A plain kafkajs client for arranging test data (the code under test uses its own pooled clients). */
export function testKafka(): Kafka {
  return new Kafka({ clientId: 'ferry-test', brokers: inject('kafkaBootstrap').split(','), logLevel: logLevel.NOTHING })
}

/** A topic or group name no other test uses. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`
}

type TopicSpec = {
  topic: string
  numPartitions?: number
  replicationFactor?: number
  configEntries?: { name: string; value: string }[]
}

/**
 * Creates topics and waits until every partition has a leader. kafkajs' own `waitForLeaders` gives up on Kafka 3.9
 * KRaft brokers (NOT_LEADER / "does not host this topic-partition" while the topic propagates), and its controller
 * lookup fails in the first moments of a new cluster, so both are retried here.
 */
export async function createTopicsAndWait(brokers: string[], topics: TopicSpec[], timeoutMs = 30_000): Promise<void> {
  const admin = new Kafka({ clientId: 'ferry-test', brokers, logLevel: logLevel.NOTHING }).admin()
  await admin.connect()
  const deadline = Date.now() + timeoutMs
  try {
    for (;;) {
      try {
        await admin.createTopics({ topics, waitForLeaders: false })
        break
      } catch (err) {
        if (Date.now() > deadline) throw err
        await new Promise((r) => setTimeout(r, 250))
      }
    }
    for (;;) {
      const ready = await admin
        .fetchTopicMetadata({ topics: topics.map((t) => t.topic) })
        .then((m) => m.topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0)))
        .catch(() => false)
      if (ready) return
      if (Date.now() > deadline) throw new Error(`topics ${topics.map((t) => t.topic).join(', ')} got no leaders`)
      await new Promise((r) => setTimeout(r, 250))
    }
  } finally {
    await admin.disconnect()
  }
}
