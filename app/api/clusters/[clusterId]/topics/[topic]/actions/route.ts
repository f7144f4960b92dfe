import { z } from 'zod'
import { ANONYMOUS_ACTOR } from '@/lib/audit/record-audit'
import { decodeSegment, readJsonBody } from '@/lib/http/json-body'
import { ClusterIdSchema, TopicNameSchema } from '@/lib/http/params'
import { json, route } from '@/lib/http/route'
import { runTopicAction } from '@/lib/topics/actions/run-topic-action'
import { TopicActionBodySchema } from '@/lib/topics/actions/schema'

export const dynamic = 'force-dynamic'

const ParamsSchema = z.object({ clusterId: ClusterIdSchema, topic: TopicNameSchema })

/**
 * One mutating action on a topic: `delete`, `alter-configs` or `purge`. `dryRun: true` previews it (what goes, the
 * config diff validated by Kafka); `false` executes it (planned again, then audited). 403 on read-only clusters.
 */
export const POST = route(async (req: Request, ctx: { params: Promise<{ clusterId: string; topic: string }> }) => {
  const raw = await ctx.params
  const { clusterId, topic } = ParamsSchema.parse({ ...raw, topic: decodeSegment(raw.topic) })
  const body = await readJsonBody(req, TopicActionBodySchema)
  return json(await runTopicAction(clusterId, topic, body, ANONYMOUS_ACTOR))
})
