import { json, route } from '@/lib/http/route'
import { topicParamsOf } from '@/lib/http/topic-params'
import { getTopicConsumers } from '@/lib/topics/get-topic-consumers'

export const dynamic = 'force-dynamic'

type Ctx = { params: Promise<{ clusterId: string; topic: string }> }

/** The groups with offsets on the topic and their lag on it. */
export const GET = route(async (_req: Request, ctx: Ctx) => {
  const { clusterId, topic } = await topicParamsOf(ctx.params)
  return json(await getTopicConsumers(clusterId, topic))
})
