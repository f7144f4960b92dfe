import { randomUUID } from 'node:crypto'
import { Kafka, logLevel } from 'kafkajs'
import { inject } from 'vitest'
import { replaceConfig } from '@/lib/config'
import { FerryConfigSchema } from '@/lib/config/schema'

/** Points Ferry's config at the integration broker as cluster "test" (plus any extra clusters given). */
export function useTestCluster(extra: Record<string, unknown>[] = []): { bootstrap: string } {
  const bootstrap = inject('kafkaBootstrap')
  replaceConfig({
    config: FerryConfigSchema.parse({ clusters: [{ id: 'test', brokers: bootstrap.split(',') }, ...extra] }),
    source: 'test',
  })
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
