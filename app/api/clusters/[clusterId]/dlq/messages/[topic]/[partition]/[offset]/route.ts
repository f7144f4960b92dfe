import { z } from 'zod'
import { getDeadLetterDetail } from '@/lib/dlq/explorer/get-dead-letter-detail'
import { ClusterIdSchema, TopicNameSchema } from '@/lib/http/params'
import { json, route } from '@/lib/http/route'

export const dynamic = 'force-dynamic'

const ParamsSchema = z.object({
  clusterId: ClusterIdSchema,
  topic: TopicNameSchema,
  partition: z.coerce.number().int().min(0).max(1_000_000),
  offset: z.string().regex(/^\d{1,19}$/, 'not an offset'),
})

type Params = { clusterId: string; topic: string; partition: string; offset: string }

/** One dead letter: decoded (masked), its metadata, the original value and a link to its source record. */
export const GET = route(async (_req: Request, ctx: { params: Promise<Params> }) => {
  // Next hands over the segment still percent-encoded when it holds reserved characters; decode once.
  const raw = await ctx.params
  const { clusterId, topic, partition, offset } = ParamsSchema.parse({ ...raw, topic: safeDecode(raw.topic) })
  return json(await getDeadLetterDetail(clusterId, topic, partition, offset))
})

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}
