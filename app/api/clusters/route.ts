import { getConfig, listClusterSummaries } from '@/lib/config'
import { json, route } from '@/lib/http/route'

export const dynamic = 'force-dynamic'

export const GET = route(async () => json({ clusters: listClusterSummaries(), configSource: getConfig().source }))
