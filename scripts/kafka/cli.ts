import { parseArgs } from 'node:util'
import { startKafka } from './broker'
import { DEFAULT_KAFKA_VERSION, ensureKafkaJars } from './fetch-kafka'

// `npm run kafka` starts a local broker in the foreground until Ctrl-C; `npm run kafka:fetch` only fetches jars.
async function main() {
  const [command = 'start', ...rest] = process.argv.slice(2)
  const { values } = parseArgs({
    args: rest,
    options: {
      version: { type: 'string', default: process.env.FERRY_KAFKA_VERSION ?? DEFAULT_KAFKA_VERSION },
      port: { type: 'string', default: '9092' },
      brokers: { type: 'string', default: '1' },
      sasl: { type: 'boolean', default: false },
      tls: { type: 'boolean', default: false },
      mtls: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
    },
  })
  if (command === 'fetch') {
    console.log(ensureKafkaJars(values.version))
    return
  }
  if (command !== 'start') throw new Error(`Unknown command "${command}" (use start or fetch)`)
  const t0 = Date.now()
  const kafka = await startKafka({
    version: values.version,
    port: Number(values.port),
    brokers: Number(values.brokers),
    sasl: values.sasl,
    tls: values.mtls ? 'required-client-auth' : values.tls,
    dataDir: values['data-dir'],
  })
  console.log(`Kafka ${kafka.version} (cluster ${kafka.clusterId}) ready in ${Date.now() - t0} ms`)
  console.log(`  bootstrap: ${kafka.bootstrap}`)
  if (kafka.saslBootstrap) console.log(`  SASL bootstrap: ${kafka.saslBootstrap}`)
  if (kafka.sslBootstrap && kafka.certificates) {
    console.log(`  SSL bootstrap: ${kafka.sslBootstrap}`)
    console.log(`  CA: ${kafka.certificates.caPem}`)
    console.log(`  client cert/key: ${kafka.certificates.clientCertPem} ${kafka.certificates.clientKeyPem}`)
  }
  for (const n of kafka.nodes) console.log(`  node ${n.nodeId}: ${n.dir}`)
  console.log('Press Ctrl-C to stop.')
  const shutdown = async () => {
    console.log('Stopping Kafka…')
    await kafka.stop()
    process.exit(0)
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
