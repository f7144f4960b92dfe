import { ANONYMOUS_ACTOR } from '@/lib/audit/record-audit'
import { deleteGroupOffsets } from '@/lib/groups/actions/delete-group-offsets'
import { decodeSegment, readJsonBody } from '@/lib/http/json-body'
import { GroupParamsSchema } from '@/lib/http/params'
import { json, route } from '@/lib/http/route'
import { executeOffsetReset, planOffsetReset, ResetOffsetsBodySchema } from '@/lib/lag/reset-offsets'

export const dynamic = 'force-dynamic'

type Ctx = { params: Promise<{ clusterId: string; groupId: string }> }

const paramsOf = async (ctx: Ctx) => {
  const raw = await ctx.params
  return GroupParamsSchema.parse({ ...raw, groupId: decodeSegment(raw.groupId) })
}

/** `dryRun: true` previews the reset; `false` executes it (planned again on the server, then audited). */
export const POST = route(async (req: Request, ctx: Ctx) => {
  const { clusterId, groupId } = await paramsOf(ctx)
  const { dryRun, ...request } = await readJsonBody(req, ResetOffsetsBodySchema)
  return json(
    dryRun
      ? await planOffsetReset(clusterId, groupId, request)
      : await executeOffsetReset(clusterId, groupId, request, ANONYMOUS_ACTOR),
  )
})

/** "reset" is also a legal topic name, and this static segment wins over …/offsets/[topic]: delete its offsets here. */
export const DELETE = route(async (_req: Request, ctx: Ctx) => {
  const { clusterId, groupId } = await paramsOf(ctx)
  return json(await deleteGroupOffsets(clusterId, groupId, 'reset', ANONYMOUS_ACTOR))
})
