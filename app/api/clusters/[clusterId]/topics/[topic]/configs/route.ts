import { json, route } from '@/lib/http/route'
import { topicParamsOf } from '@/lib/http/topic-params'
import { getTopicConfigs } from '@/lib/topics/get-topic-configs'

export const dynamic = 'force-dynamic'

type Ctx = { params: Promise<{ clusterId: string; topic: string }> }

/** Every config of the topic with its source; sensitive values are never sent. */
export const GET = route(async (_req: Request, ctx: Ctx) => {
  const { clusterId, topic } = await topicParamsOf(ctx.params)
  return json(await getTopicConfigs(clusterId, topic))
})
