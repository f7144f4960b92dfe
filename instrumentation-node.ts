import { getAuthSettings } from '@/lib/auth/auth-settings'
import { getClusterConfig, getConfig } from '@/lib/config'

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

// Replay jobs interrupted by a restart (or a console that died) are taken over once their lease ran out: now, and
// once more when the lease of a job whose runner died just before this start has run out. Server only, like the lag
// sampler; a cluster that is down gets one log line (its jobs are resumed when someone lists them).
if (process.env.NEXT_PHASE !== 'phase-production-build') {
  void import('@/lib/dlq/replay/replay-service')
    .then(({ resumeInterrupted }) => {
      const resume = (clusterId: string, logFailure: boolean) =>
        resumeInterrupted(clusterId).then(
          (taken) => {
            if (taken.length) console.log(`ferry: resumed ${taken.length} interrupted replay job(s) on "${clusterId}"`)
          },
          (err: unknown) => {
            if (logFailure)
              console.error(`ferry: could not resume replay jobs on "${clusterId}": ${(err as Error).message}`)
          },
        )
      for (const cluster of getConfig().config.clusters.map((c) => getClusterConfig(c.id))) {
        if (cluster.readOnly) continue
        void resume(cluster.id, true).then(() => {
          setTimeout(() => void resume(cluster.id, false), cluster.dlq.replayLeaseMs + 1_000).unref()
        })
      }
    })
    .catch((err: unknown) => console.error('ferry: replay jobs were not resumed', err))
}
