import { ANONYMOUS_ACTOR } from '@/lib/audit/record-audit'
import { replay } from '@/lib/dlq/replay/replay-service'
import { ReplayRequestSchema } from '@/lib/dlq/replay/schemas'
import { readJsonBody } from '@/lib/http/json-body'
import { ClusterParamsSchema } from '@/lib/http/params'
import { json, route } from '@/lib/http/route'

export const dynamic = 'force-dynamic'

/** Body ReplayRequest: `dryRun: true` → ReplayPlan; else the job is started → { job, audit }. */
export const POST = route(async (req: Request, ctx: { params: Promise<{ clusterId: string }> }) => {
  const { clusterId } = ClusterParamsSchema.parse(await ctx.params)
  const request = await readJsonBody(req, ReplayRequestSchema, 2 * 1024 * 1024)
  return json(await replay(clusterId, request, ANONYMOUS_ACTOR))
})
