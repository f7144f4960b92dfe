import { route } from '@/lib/http/route'
import { collectLagMetrics } from '@/lib/metrics/collect-lag-metrics'

export const dynamic = 'force-dynamic'

/** Prometheus scrape endpoint: consumer lag in messages and seconds, verdicts, sampler health. */
export const GET = route(async () => {
  return new Response(await collectLagMetrics(), {
    headers: { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Cache-Control': 'no-store' },
  })
})
