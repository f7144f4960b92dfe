import { ANONYMOUS_ACTOR } from '@/lib/audit/record-audit'
import { readJsonBody } from '@/lib/http/json-body'
import { ClusterParamsSchema } from '@/lib/http/params'
import { json, route } from '@/lib/http/route'
import { createTopic } from '@/lib/topics/actions/create-topic'
import { CreateTopicBodySchema } from '@/lib/topics/actions/schema'
import { listTopics } from '@/lib/topics/list-topics'

export const dynamic = 'force-dynamic'

export const GET = route(async (_req: Request, ctx: { params: Promise<{ clusterId: string }> }) => {
  const { clusterId } = ClusterParamsSchema.parse(await ctx.params)
  return json(await listTopics(clusterId))
})

/** Creates a topic (`dryRun: true`: Kafka validates it, nothing is created). Audited; 403 on read-only clusters. */
export const POST = route(async (req: Request, ctx: { params: Promise<{ clusterId: string }> }) => {
  const { clusterId } = ClusterParamsSchema.parse(await ctx.params)
  const { dryRun, ...request } = await readJsonBody(req, CreateTopicBodySchema)
  return json(await createTopic(clusterId, request, ANONYMOUS_ACTOR, { dryRun }), { status: dryRun ? 200 : 201 })
})
