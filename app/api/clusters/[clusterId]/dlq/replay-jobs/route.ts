import { listReplayJobs } from '@/lib/dlq/replay/replay-service'
import { ClusterParamsSchema } from '@/lib/http/params'
import { json, route } from '@/lib/http/route'

export const dynamic = 'force-dynamic'

/** → { jobs: ReplayJob[], state: StateTopicHealth }; interrupted jobs this console may take are resumed. */
export const GET = route(async (_req: Request, ctx: { params: Promise<{ clusterId: string }> }) => {
  const { clusterId } = ClusterParamsSchema.parse(await ctx.params)
  return json(await listReplayJobs(clusterId))
})
