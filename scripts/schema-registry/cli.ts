import { parseArgs } from 'node:util'
import { ensureRegistryJar, startSchemaRegistry } from './registry'

// `tsx scripts/schema-registry/cli.ts start [--port 8081]` runs a local registry until Ctrl-C; `fetch` only builds it.
async function main() {
  const [command = 'start', ...rest] = process.argv.slice(2)
  const { values } = parseArgs({ args: rest, options: { port: { type: 'string', default: '8081' } } })
  if (command === 'fetch') {
    console.log(ensureRegistryJar())
    return
  }
  if (command !== 'start') throw new Error(`Unknown command "${command}" (use start or fetch)`)
  const t0 = Date.now()
  const registry = await startSchemaRegistry({ port: Number(values.port) })
  console.log(`Schema Registry (Apicurio, in memory) ready in ${Date.now() - t0} ms`)
  console.log(`  url: ${registry.url}`)
  console.log('Press Ctrl-C to stop.')
  const shutdown = async () => {
    await registry.stop()
    process.exit(0)
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
