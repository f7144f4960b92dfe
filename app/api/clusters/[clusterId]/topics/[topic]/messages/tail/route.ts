import { z } from 'zod'
import { decodeSegment } from '@/lib/http/json-body'
import { ClusterIdSchema, TopicNameSchema } from '@/lib/http/params'
import { route } from '@/lib/http/route'
import { limitedStream } from '@/lib/limits/scan-limits'
import { parseTailQuery } from '@/lib/messages/tail/tail-query'
import { tailResponse } from '@/lib/messages/tail/tail-response'

export const dynamic = 'force-dynamic'

const ParamsSchema = z.object({ clusterId: ClusterIdSchema, topic: TopicNameSchema })

/** Follows the topic's new messages as Server-Sent Events; the TailRequest is in the query string. */
export const GET = route(async (req: Request, ctx: { params: Promise<{ clusterId: string; topic: string }> }) => {
  const raw = await ctx.params
  const { clusterId, topic } = ParamsSchema.parse({ ...raw, topic: decodeSegment(raw.topic) })
  const request = parseTailQuery(new URL(req.url).searchParams)
  const eventStream = req.headers.get('accept')?.includes('text/event-stream') ?? false
  return limitedStream(clusterId, 'tail', req.signal, () =>
    tailResponse(clusterId, topic, request, req.signal, eventStream),
  )
})
