import { ClusterParamsSchema } from '@/lib/http/params'
import { json, route } from '@/lib/http/route'
import { getSamplerStatus } from '@/lib/lag/sampler'

export const dynamic = 'force-dynamic'

export const GET = route(async (_req: Request, ctx: { params: Promise<{ clusterId: string }> }) => {
  const { clusterId } = ClusterParamsSchema.parse(await ctx.params)
  return json(getSamplerStatus(clusterId))
})
