import { z } from 'zod'
import { GroupParamsSchema } from '@/lib/http/params'
import { json, route } from '@/lib/http/route'
import { getLagHistory } from '@/lib/lag/history'
import { LAG_HISTORY_RANGES } from '@/lib/lag/history/ranges'

export const dynamic = 'force-dynamic'

const QuerySchema = z.object({ range: z.enum(LAG_HISTORY_RANGES).default('1h') })

export const GET = route(async (req: Request, ctx: { params: Promise<{ clusterId: string; groupId: string }> }) => {
  // Next hands over the segment still percent-encoded when it holds reserved characters; decode once.
  const raw = await ctx.params
  const { clusterId, groupId } = GroupParamsSchema.parse({ ...raw, groupId: safeDecode(raw.groupId) })
  const { range } = QuerySchema.parse({ range: new URL(req.url).searchParams.get('range') ?? undefined })
  return json(await getLagHistory(clusterId, groupId, range))
})

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}
