import 'server-only'
import type { Kafka } from 'kafkajs'

/** The part of kafkajs' internal Cluster that Ferry uses (kafkajs 2.2.4, pinned exactly in package.json). */
export type RawCluster = {
  connect(): Promise<void>
  disconnect(): Promise<void>
  targetTopics: Set<string>
  refreshMetadata(): Promise<void>
  /** One ListOffsets request per leader broker for all the given topics. Offsets are decimal strings. */
  fetchTopicsOffset(
    topics: { topic: string; partitions: { partition: number }[]; fromBeginning?: boolean; fromTimestamp?: number }[],
  ): Promise<{ topic: string; partitions: { partition: number; offset: string }[] }[]>
}

// kafkajs' public admin API reads offsets one topic at a time and refreshes metadata for every new topic, which is
// quadratic on a 5,000-topic cluster. Its internal Cluster batches ListOffsets per leader broker. kafkajs is
// unmaintained and pinned to 2.2.4, so this private entry point cannot move under us; the integration tests pin it.
const CREATE_CLUSTER = 'private:Kafka:createCluster'

/** A kafkajs Cluster sharing the given client's config (brokers, TLS, SASL, timeouts). Not connected yet. */
export function createRawCluster(kafka: Kafka): RawCluster {
  const sym = Object.getOwnPropertySymbols(kafka).find((s) => s.description === CREATE_CLUSTER)
  if (!sym) throw new Error('kafkajs internals changed: Ferry needs kafkajs 2.2.4')
  const create = (kafka as unknown as Record<symbol, (opts: object) => RawCluster>)[sym]
  if (!create) throw new Error('kafkajs internals changed: Ferry needs kafkajs 2.2.4')
  return create({ allowAutoTopicCreation: false, metadataMaxAge: 300_000 })
}
