import { z } from 'zod'
import { ANONYMOUS_ACTOR } from '@/lib/audit/record-audit'
import { decodeSegment, readJsonBody } from '@/lib/http/json-body'
import { ClusterIdSchema, TopicNameSchema } from '@/lib/http/params'
import { json, route } from '@/lib/http/route'
import { MAX_PRODUCE_BYTES, produceMessage } from '@/lib/messages/produce/produce-message'
import { ProduceBodySchema } from '@/lib/messages/produce/schema'

export const dynamic = 'force-dynamic'

const ParamsSchema = z.object({ clusterId: ClusterIdSchema, topic: TopicNameSchema })

// JSON escaping can grow a record several times over (quotes, control characters); produceMessage judges the record
// itself against MAX_PRODUCE_BYTES (413), this only bounds what the server reads.
const MAX_BODY_BYTES = 4 * MAX_PRODUCE_BYTES + 64 * 1024

/** Writes one record to the topic (audited); answers its partition, offset and timestamp. */
export const POST = route(async (req: Request, ctx: { params: Promise<{ clusterId: string; topic: string }> }) => {
  const raw = await ctx.params
  const { clusterId, topic } = ParamsSchema.parse({ ...raw, topic: decodeSegment(raw.topic) })
  const body = await readJsonBody(req, ProduceBodySchema, MAX_BODY_BYTES)
  return json(await produceMessage(clusterId, topic, body, ANONYMOUS_ACTOR))
})
