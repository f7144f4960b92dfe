import { json, route } from '@/lib/http/route'
import { topicParamsOf } from '@/lib/http/topic-params'
import { getTopicDetail } from '@/lib/topics/get-topic-detail'

export const dynamic = 'force-dynamic'

type Ctx = { params: Promise<{ clusterId: string; topic: string }> }

/** Partitions (leaders, replicas, ISR, watermarks, sizes) and the topic's id, counts and flags. */
export const GET = route(async (_req: Request, ctx: Ctx) => {
  const { clusterId, topic } = await topicParamsOf(ctx.params)
  return json(await getTopicDetail(clusterId, topic))
})
