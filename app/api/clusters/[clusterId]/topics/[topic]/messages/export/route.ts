import { z } from 'zod'
import { decodeSegment } from '@/lib/http/json-body'
import { ClusterIdSchema, TopicNameSchema } from '@/lib/http/params'
import { route } from '@/lib/http/route'
import { limitedStream } from '@/lib/limits/scan-limits'
import { exportMessages } from '@/lib/messages/export/export-messages'
import { parseExportQuery } from '@/lib/messages/export/export-query'

export const dynamic = 'force-dynamic'

const ParamsSchema = z.object({ clusterId: ClusterIdSchema, topic: TopicNameSchema })

const TYPES = { ndjson: 'application/x-ndjson; charset=utf-8', csv: 'text/csv; charset=utf-8' } as const

/** Streams a scan of the topic's messages as a file download (NDJSON or CSV); the scan query is in the query string. */
export const GET = route(async (req: Request, ctx: { params: Promise<{ clusterId: string; topic: string }> }) => {
  const raw = await ctx.params
  const { clusterId, topic } = ParamsSchema.parse({ ...raw, topic: decodeSegment(raw.topic) })
  const { request, format } = parseExportQuery(new URL(req.url).searchParams)
  return limitedStream(clusterId, 'export', req.signal, async () => {
    const body = await exportMessages(clusterId, topic, request, format, req.signal)
    // Topic names are [a-zA-Z0-9._-] only, so the file name needs no escaping.
    const stamp = new Date().toISOString().replace(/[:.]/g, '-')
    return new Response(body, {
      status: 200,
      headers: {
        'Content-Type': TYPES[format],
        'Content-Disposition': `attachment; filename="${topic}-${stamp}.${format}"`,
        'Cache-Control': 'no-store, no-transform',
        'X-Accel-Buffering': 'no',
        'X-Content-Type-Options': 'nosniff',
      },
    })
  })
})
