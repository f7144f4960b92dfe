import type { TestProject } from 'vitest/node'
import { type LocalKafka, startKafka } from '../scripts/kafka/broker'

declare module 'vitest' {
  export interface ProvidedContext {
    kafkaBootstrap: string
    kafkaSaslBootstrap: string
    kafkaVersion: string
    kafkaLibs: string
  }
}

let kafka: LocalKafka | undefined

/** One real KRaft broker (with a SASL listener) for the whole integration run, on free ports in a temp dir. */
export async function setup(project: TestProject) {
  const t0 = Date.now()
  kafka = await startKafka({ port: 0, sasl: true, version: process.env.FERRY_KAFKA_VERSION })
  console.log(`[integration] Kafka ${kafka.version} ready at ${kafka.bootstrap} in ${Date.now() - t0} ms`)
  project.provide('kafkaBootstrap', kafka.bootstrap)
  project.provide('kafkaSaslBootstrap', kafka.saslBootstrap ?? '')
  project.provide('kafkaVersion', kafka.version)
  project.provide('kafkaLibs', kafka.libs)
}

export async function teardown() {
  await kafka?.stop()
}
