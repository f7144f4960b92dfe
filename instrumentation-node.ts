import { getAuthSettings } from '@/lib/auth/auth-settings'
import { getConfig } from '@/lib/config'

// A wrong config file stops the server at start with the exact field and reason, instead of failing on the first
// request.
try {
  const { config, source } = getConfig()
  // Sign-in without a session secret is a configuration error: stop now, not on the first request.
  const auth = getAuthSettings()
  console.log(
    `ferry: ${config.clusters.length} cluster(s) from ${source}: ${config.clusters.map((c) => c.id).join(', ')}; sign-in: ${auth.mode}`,
  )
} catch (err) {
  console.error(`ferry: ${(err as Error).message}`)
  process.exit(1)
}

// The lag sampler runs in the server only: `next build` also loads this file and must not join Kafka groups.
if (process.env.NEXT_PHASE !== 'phase-production-build') {
  void import('@/lib/lag/sampler')
    .then(({ startLagSamplers }) => startLagSamplers())
    .catch((err: unknown) => console.error('ferry: the lag sampler did not start', err))
}
