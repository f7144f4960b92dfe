import { z } from 'zod'
import { decodeSegment } from '@/lib/http/json-body'
import { ClusterIdSchema, TopicNameSchema } from '@/lib/http/params'
import { route } from '@/lib/http/route'
import { limitedStream } from '@/lib/limits/scan-limits'
import { scanResponse } from '@/lib/messages/scan/scan-response'
import { parseScanQuery } from '@/lib/messages/scan-query'

export const dynamic = 'force-dynamic'

const ParamsSchema = z.object({ clusterId: ClusterIdSchema, topic: TopicNameSchema })

/** Streams a scan of the topic's messages as Server-Sent Events; the ScanRequest is in the query string. */
export const GET = route(async (req: Request, ctx: { params: Promise<{ clusterId: string; topic: string }> }) => {
  const raw = await ctx.params
  const { clusterId, topic } = ParamsSchema.parse({ ...raw, topic: decodeSegment(raw.topic) })
  const request = parseScanQuery(new URL(req.url).searchParams)
  const eventStream = req.headers.get('accept')?.includes('text/event-stream') ?? false
  return limitedStream(clusterId, 'scan', req.signal, () =>
    scanResponse(clusterId, topic, request, req.signal, eventStream),
  )
})
