import { ANONYMOUS_ACTOR } from '@/lib/audit/record-audit'
import { discardDeadLetters } from '@/lib/dlq/replay/discard'
import { DiscardRequestSchema } from '@/lib/dlq/replay/schemas'
import { readJsonBody } from '@/lib/http/json-body'
import { ClusterParamsSchema } from '@/lib/http/params'
import { json, route } from '@/lib/http/route'

export const dynamic = 'force-dynamic'

/** Body DiscardRequest → DiscardResult. */
export const POST = route(async (req: Request, ctx: { params: Promise<{ clusterId: string }> }) => {
  const { clusterId } = ClusterParamsSchema.parse(await ctx.params)
  const request = await readJsonBody(req, DiscardRequestSchema, 1024 * 1024)
  return json(await discardDeadLetters(clusterId, request, ANONYMOUS_ACTOR))
})
