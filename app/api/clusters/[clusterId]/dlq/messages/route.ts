import { listDeadLetters } from '@/lib/dlq/explorer/list-dead-letters'
import { DeadLetterListSchema, queryObjectOf } from '@/lib/dlq/explorer/query-schema'
import { ClusterParamsSchema } from '@/lib/http/params'
import { json, route } from '@/lib/http/route'

export const dynamic = 'force-dynamic'

/** Dead letters matching a DeadLetterQuery (query parameters, plus limit ≤ 500 and cursor), newest first. */
export const GET = route(async (req: Request, ctx: { params: Promise<{ clusterId: string }> }) => {
  const { clusterId } = ClusterParamsSchema.parse(await ctx.params)
  const { limit, cursor, ...query } = DeadLetterListSchema.parse(queryObjectOf(new URL(req.url).searchParams))
  return json(await listDeadLetters(clusterId, query, limit, cursor))
})
