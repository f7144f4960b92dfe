import { getDlqDashboard } from '@/lib/dlq/dashboard/get-dlq-dashboard'
import { ClusterParamsSchema } from '@/lib/http/params'
import { json, route } from '@/lib/http/route'

export const dynamic = 'force-dynamic'

/** The dead-letter dashboard (DlqDashboard). */
export const GET = route(async (_req: Request, ctx: { params: Promise<{ clusterId: string }> }) => {
  const { clusterId } = ClusterParamsSchema.parse(await ctx.params)
  return json(await getDlqDashboard(clusterId))
})
