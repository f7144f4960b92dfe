import type { TestProject } from 'vitest/node'
import { type LocalKafka, startKafka } from '../scripts/kafka/broker'
import { type LocalSchemaRegistry, startSchemaRegistry } from '../scripts/schema-registry/registry'

declare module 'vitest' {
  export interface ProvidedContext {
    kafkaBootstrap: string
    kafkaSaslBootstrap: string
    kafkaVersion: string
    kafkaLibs: string
    /** Confluent-compatible API of an in-memory Apicurio Registry. */
    schemaRegistryUrl: string
  }
}

let kafka: LocalKafka | undefined
let registry: LocalSchemaRegistry | undefined

/** One real KRaft broker (with a SASL listener) for the whole integration run, on free ports in a temp dir. */
export async function setup(project: TestProject) {
  const t0 = Date.now()
  // The registry boots (a few seconds) while the broker does.
  const registryReady = startSchemaRegistry().then((r) => {
    registry = r
    console.log(`[integration] Schema Registry ready at ${r.url} in ${Date.now() - t0} ms`)
    return r
  })
  kafka = await startKafka({ port: 0, sasl: true, version: process.env.FERRY_KAFKA_VERSION })
  console.log(`[integration] Kafka ${kafka.version} ready at ${kafka.bootstrap} in ${Date.now() - t0} ms`)
  project.provide('kafkaBootstrap', kafka.bootstrap)
  project.provide('kafkaSaslBootstrap', kafka.saslBootstrap ?? '')
  project.provide('kafkaVersion', kafka.version)
  project.provide('kafkaLibs', kafka.libs)
  project.provide('schemaRegistryUrl', (await registryReady).url)
}

export async function teardown() {
  await Promise.all([kafka?.stop(), registry?.stop()])
}
