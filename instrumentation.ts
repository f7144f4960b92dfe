// Runs once when the Next.js server starts: a wrong config file stops the server with the exact field and reason,
// instead of failing on the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { getConfig } = await import('@/lib/config')
  try {
    const { config, source } = getConfig()
    console.log(
      `ferry: ${config.clusters.length} cluster(s) from ${source}: ${config.clusters.map((c) => c.id).join(', ')}`,
    )
  } catch (err) {
    console.error(`ferry: ${(err as Error).message}`)
    process.exit(1)
  }
}
