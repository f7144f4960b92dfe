import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startJavaConsumers } from '../scripts/demo/java-consumers'
import { startDemoWorkload } from '../scripts/demo/workload'
import { startKafka } from '../scripts/kafka/broker'
import { findFreePort, waitForPort } from '../scripts/kafka/free-port'
import { startSchemaRegistry } from '../scripts/schema-registry/registry'

/**
 * A real broker with the demo workload (its Avro topic through a real Schema Registry), and the production build of
 * the console (`next start`) configured with two clusters: "demo" (that broker and registry) and "offline" (a closed
 * port: the broker-down state).
 */
export default async function globalSetup() {
  // The registry boots while the broker does; if either fails, the other is stopped before the error propagates.
  const [kafkaStart, registryStart] = await Promise.allSettled([startKafka({ port: 0 }), startSchemaRegistry()])
  if (kafkaStart.status === 'rejected' || registryStart.status === 'rejected') {
    if (kafkaStart.status === 'fulfilled') await kafkaStart.value.stop()
    if (registryStart.status === 'fulfilled') await registryStart.value.stop()
    throw kafkaStart.status === 'rejected' ? kafkaStart.reason : (registryStart as PromiseRejectedResult).reason
  }
  const kafka = kafkaStart.value
  const registry = registryStart.value
  const workload = await startDemoWorkload({
    brokers: [kafka.bootstrap],
    ratePerSecond: 20,
    schemaRegistryUrl: registry.url,
  })
  const javaConsumers = startJavaConsumers(kafka.bootstrap, kafka.libs, kafka.version)
  const closedPort = await findFreePort()
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ferry-e2e-'))
  const configFile = path.join(dir, 'ferry.config.yaml')
  writeFileSync(
    configFile,
    [
      'clusters:',
      '  - id: demo',
      '    name: Demo',
      `    brokers: [${kafka.bootstrap}]`,
      `    schemaRegistry: { url: "${registry.url}" }`,
      '  - id: offline',
      '    name: Offline',
      `    brokers: [127.0.0.1:${closedPort}]`,
      '    connectionTimeoutMs: 1000',
      // Samples every 5 s, judged over 8: the slow group's verdict forms within a minute, not the default 5 min.
      'lagSampling:',
      '  intervalMs: 5000',
      '  windowSamples: 8',
      '',
    ].join('\n'),
  )
  const port = await findFreePort()
  const server: ChildProcess = spawn(
    process.execPath,
    [require.resolve('next/dist/bin/next'), 'start', '-p', String(port), '-H', '127.0.0.1'],
    {
      env: { ...process.env, FERRY_CONFIG: configFile, KAFKA_BROKERS: '', SCHEMA_REGISTRY_URL: '' },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  )
  await waitForPort(port, 60_000, () => server.exitCode === null)
  process.env.FERRY_E2E_URL = `http://127.0.0.1:${port}`
  process.env.FERRY_E2E_BOOTSTRAP = kafka.bootstrap
  // Playwright runs the returned function as the global teardown.
  return async () => {
    server.kill('SIGTERM')
    await javaConsumers.stop()
    await workload.stop()
    await Promise.all([kafka.stop(), registry.stop()])
  }
}
