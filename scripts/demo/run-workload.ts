import { parseArgs } from 'node:util'
import { errorText, logDemo } from './demo-log'
import { suppressTimeoutNegativeWarnings } from './quiet-warnings'
import { DEFAULT_BACKLOG_SIZE, type DemoStats, startDemoWorkload } from './workload'

// `npx tsx scripts/demo/run-workload.ts --brokers 127.0.0.1:9092 [--rate 20] [--schema-registry <ccompat url>]`:
// demo traffic until Ctrl-C (the Avro topic only with a registry; SCHEMA_REGISTRY_URL works too).
const STATUS_EVERY_MS = 30_000

async function main() {
  const { values } = parseArgs({
    options: {
      brokers: { type: 'string', default: '127.0.0.1:9092' },
      rate: { type: 'string', default: '20' },
      backlog: { type: 'string', default: String(DEFAULT_BACKLOG_SIZE) },
      'schema-registry': { type: 'string', default: process.env.SCHEMA_REGISTRY_URL || undefined },
    },
  })
  const ratePerSecond = Number(values.rate)
  const backlogSize = Number(values.backlog)
  if (!(ratePerSecond > 0)) throw new Error(`--rate must be a positive number, got "${values.rate}"`)
  if (!(backlogSize >= 0)) throw new Error(`--backlog must be zero or more, got "${values.backlog}"`)

  suppressTimeoutNegativeWarnings()
  // Stray rejections from kafkajs internals during broker restarts must not end the demo.
  process.on('unhandledRejection', (reason) => console.warn(`demo: unexpected: ${errorText(reason)}`))

  const abort = new AbortController()
  let workload: Awaited<ReturnType<typeof startDemoWorkload>> | undefined
  let status: NodeJS.Timeout | undefined
  let stopping = false
  const shutdown = async () => {
    // A second Ctrl-C while disconnecting exits at once.
    if (stopping) process.exit(130)
    stopping = true
    logDemo('stopping…')
    clearInterval(status)
    abort.abort()
    await workload?.stop()
    process.exit(0)
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)

  logDemo(`connecting to ${values.brokers}`)
  workload = await startDemoWorkload({
    brokers: values.brokers,
    ratePerSecond,
    backlogSize,
    signal: abort.signal,
    schemaRegistryUrl: values['schema-registry'],
  })
  if (abort.signal.aborted) return
  const current = workload
  status = setInterval(() => logDemo(statusLine(current.stats())), STATUS_EVERY_MS)
  status.unref()
  logDemo('running; press Ctrl-C to stop')
}

function statusLine(stats: DemoStats): string {
  const consumed = Object.entries(stats.consumed)
    .map(([group, n]) => `${group} ${n}`)
    .join(', ')
  const deadLetters = Object.entries(stats.deadLetters)
    .map(([topic, n]) => `${topic} ${n}`)
    .join(', ')
  return `produced ${stats.produced}; consumed: ${consumed || 'none yet'}; dead letters: ${deadLetters || 'none yet'}`
}

main().catch((err) => {
  console.error(`demo: ${errorText(err)}`)
  process.exit(1)
})
