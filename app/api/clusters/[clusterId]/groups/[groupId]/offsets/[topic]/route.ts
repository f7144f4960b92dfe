import { z } from 'zod'
import { ANONYMOUS_ACTOR } from '@/lib/audit/record-audit'
import { deleteGroupOffsets } from '@/lib/groups/actions/delete-group-offsets'
import { decodeSegment } from '@/lib/http/json-body'
import { ClusterIdSchema, GroupIdSchema, TopicNameSchema } from '@/lib/http/params'
import { json, route } from '@/lib/http/route'

export const dynamic = 'force-dynamic'

const ParamsSchema = z.object({ clusterId: ClusterIdSchema, groupId: GroupIdSchema, topic: TopicNameSchema })

/** Deletes the group's committed offsets on one topic (audited). */
export const DELETE = route(
  async (_req: Request, ctx: { params: Promise<{ clusterId: string; groupId: string; topic: string }> }) => {
    const raw = await ctx.params
    const { clusterId, groupId, topic } = ParamsSchema.parse({
      ...raw,
      groupId: decodeSegment(raw.groupId),
      topic: decodeSegment(raw.topic),
    })
    return json(await deleteGroupOffsets(clusterId, groupId, topic, ANONYMOUS_ACTOR))
  },
)
