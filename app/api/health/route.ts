import { getConfig } from '@/lib/config'
import { json, route } from '@/lib/http/route'

export const dynamic = 'force-dynamic'

/** Liveness plus which config was loaded (never its secrets). */
export const GET = route(async () => {
  const { config, source } = getConfig()
  return json({ status: 'ok', configSource: source, clusters: config.clusters.map((c) => c.id) })
})
