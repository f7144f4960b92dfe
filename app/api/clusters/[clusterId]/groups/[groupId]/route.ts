import { ANONYMOUS_ACTOR } from '@/lib/audit/record-audit'
import { deleteGroup } from '@/lib/groups/actions/delete-group'
import { GroupParamsSchema } from '@/lib/http/params'
import { json, route } from '@/lib/http/route'
import { getGroupDetail } from '@/lib/lag/get-group-detail'

export const dynamic = 'force-dynamic'

export const GET = route(async (_req: Request, ctx: { params: Promise<{ clusterId: string; groupId: string }> }) => {
  // Next hands over the segment still percent-encoded when it holds reserved characters; decode once.
  const raw = await ctx.params
  const { clusterId, groupId } = GroupParamsSchema.parse({ ...raw, groupId: safeDecode(raw.groupId) })
  return json(await getGroupDetail(clusterId, groupId))
})

/** Deletes the group with its committed offsets; refused while it has members (409). Audited. */
export const DELETE = route(async (_req: Request, ctx: { params: Promise<{ clusterId: string; groupId: string }> }) => {
  const raw = await ctx.params
  const { clusterId, groupId } = GroupParamsSchema.parse({ ...raw, groupId: safeDecode(raw.groupId) })
  return json(await deleteGroup(clusterId, groupId, ANONYMOUS_ACTOR))
})

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}
