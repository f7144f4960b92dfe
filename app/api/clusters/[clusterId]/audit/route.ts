import { parseAuditQuery } from '@/lib/audit/audit-query'
import { queryAuditEntries } from '@/lib/audit/list-audit-entries'
import { ClusterParamsSchema } from '@/lib/http/params'
import { json, route } from '@/lib/http/route'

export const dynamic = 'force-dynamic'

/** One page of the cluster's audit trail, newest first; filters and the page cursor are in the query string. */
export const GET = route(async (req: Request, ctx: { params: Promise<{ clusterId: string }> }) => {
  const { clusterId } = ClusterParamsSchema.parse(await ctx.params)
  const query = parseAuditQuery(new URL(req.url).searchParams)
  return json(await queryAuditEntries(clusterId, query))
})
