import { getConfig } from '@/lib/config'

// A wrong config file stops the server at start with the exact field and reason, instead of failing on the first
// request.
try {
  const { config, source } = getConfig()
  console.log(
    `ferry: ${config.clusters.length} cluster(s) from ${source}: ${config.clusters.map((c) => c.id).join(', ')}`,
  )
} catch (err) {
  console.error(`ferry: ${(err as Error).message}`)
  process.exit(1)
}
