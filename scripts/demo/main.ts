import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { type LocalKafka, startKafka } from '../kafka/broker'
import { PROJECT_ROOT } from '../kafka/fetch-kafka'
import { findFreePort } from '../kafka/free-port'
import { type LocalSchemaRegistry, startSchemaRegistry } from '../schema-registry/registry'
import { errorText } from './demo-log'
import { type JavaConsumers, startJavaConsumers } from './java-consumers'
import { suppressTimeoutNegativeWarnings } from './quiet-warnings'
import { startDemoWorkload } from './workload'

// `npm run demo`: the embedded default. With no cluster configured it starts a local KRaft broker, fills it with
// realistic moving traffic (producers, healthy/slow/stopped/empty groups, dead letters in three styles, an Avro topic
// through a local Schema Registry) and starts the console on it. With FERRY_CONFIG or KAFKA_BROKERS set, it only starts the console on that config.
async function main() {
  suppressTimeoutNegativeWarnings()
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.PORT ?? '3000' },
      'kafka-port': { type: 'string', default: '9092' },
      rate: { type: 'string', default: '20' },
      dev: { type: 'boolean', default: false },
    },
  })
  const configured = !!process.env.KAFKA_BROKERS || !!process.env.FERRY_CONFIG || existsSync('ferry.config.yaml')
  let kafka: LocalKafka | null = null
  let registry: LocalSchemaRegistry | null = null
  let workload: { stop(): Promise<void> } | null = null
  let javaConsumers: JavaConsumers | null = null
  const env: NodeJS.ProcessEnv = { ...process.env }

  if (!configured) {
    const kafkaPort = (await isFree(Number(values['kafka-port']))) ? Number(values['kafka-port']) : 0
    console.log('demo: starting a local Kafka broker (KRaft, single node) and a Schema Registry…')
    const t0 = Date.now()
    // The registry (a Quarkus JVM) boots while the broker does; neither waits for the other.
    const [kafkaStart, registryStart] = await Promise.allSettled([
      startKafka({ port: kafkaPort }).then((k) => {
        console.log(`demo: Kafka ${k.version} ready at ${k.bootstrap} in ${Date.now() - t0} ms`)
        return k
      }),
      startSchemaRegistry().then((r) => {
        console.log(`demo: Schema Registry (Apicurio) ready at ${r.url} in ${Date.now() - t0} ms`)
        return r
      }),
    ])
    registry = registryStart.status === 'fulfilled' ? registryStart.value : null
    if (kafkaStart.status === 'rejected') {
      await registry?.stop()
      throw kafkaStart.reason
    }
    kafka = kafkaStart.value
    // Without a registry the demo still runs; only the Avro topic is missing.
    if (registryStart.status === 'rejected')
      console.warn(`demo: no Schema Registry, so no Avro topic: ${errorText(registryStart.reason)}`)
    const registryUrl = registry?.url
    console.log('demo: seeding topics, consumer groups and dead letters…')
    workload = await startDemoWorkload({
      brokers: [kafka.bootstrap],
      ratePerSecond: Number(values.rate),
      schemaRegistryUrl: registryUrl,
    })
    javaConsumers = startJavaConsumers(kafka.bootstrap, kafka.libs, kafka.version)
    Object.assign(env, {
      KAFKA_BROKERS: kafka.bootstrap,
      FERRY_CLUSTER_ID: 'local',
      FERRY_CLUSTER_NAME: 'Local demo',
    })
    // The local registry has no auth: credentials from the caller's shell must not reach it.
    if (registryUrl)
      Object.assign(env, {
        SCHEMA_REGISTRY_URL: registryUrl,
        SCHEMA_REGISTRY_USERNAME: '',
        SCHEMA_REGISTRY_PASSWORD: '',
      })
  } else {
    console.log('demo: a cluster is configured (FERRY_CONFIG / KAFKA_BROKERS / ferry.config.yaml); not starting Kafka')
  }

  // A production build serves pages instantly; without one (or with --dev) use the dev server.
  const built = existsSync(path.join(PROJECT_ROOT, '.next', 'BUILD_ID'))
  const mode = values.dev || !built ? 'dev' : 'start'
  const port = (await isFree(Number(values.port))) ? Number(values.port) : await findFreePort()
  const next: ChildProcess = spawn(
    process.execPath,
    [require.resolve('next/dist/bin/next'), mode, '-p', String(port), '-H', '127.0.0.1'],
    { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] },
  )
  console.log(`\n  Ferry console: http://127.0.0.1:${port}  (next ${mode}; Ctrl-C stops everything)\n`)

  let stopping = false
  const shutdown = async (code = 0) => {
    if (stopping) return
    stopping = true
    console.log('demo: stopping…')
    next.kill('SIGTERM')
    await javaConsumers?.stop().catch(() => undefined)
    await workload?.stop().catch(() => undefined)
    await Promise.all([kafka?.stop().catch(() => undefined), registry?.stop().catch(() => undefined)])
    process.exit(code)
  }
  process.on('SIGINT', () => void shutdown())
  process.on('SIGTERM', () => void shutdown())
  next.on('exit', (code) => void shutdown(code ?? 0))
}

async function isFree(port: number): Promise<boolean> {
  const net = await import('node:net')
  return new Promise((resolve) => {
    const srv = net.createServer()
    srv.once('error', () => resolve(false))
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)))
  })
}

main().catch((err) => {
  console.error(`demo: ${err instanceof Error ? err.message : err}`)
  process.exit(1)
})
