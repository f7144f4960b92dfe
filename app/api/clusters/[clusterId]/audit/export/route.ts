import { z } from 'zod'
import { auditCsv, auditJsonLines, parseAuditQuery } from '@/lib/audit/audit-query'
import { exportAuditEntries } from '@/lib/audit/list-audit-entries'
import { ClusterParamsSchema } from '@/lib/http/params'
import { route } from '@/lib/http/route'

export const dynamic = 'force-dynamic'

const FormatSchema = z.enum(['csv', 'jsonl']).default('jsonl')

const TYPES = { csv: 'text/csv; charset=utf-8', jsonl: 'application/jsonl; charset=utf-8' } as const

/** Every audit entry matching the filters (query string, as the list), newest first, as a CSV or JSON Lines file. */
export const GET = route(async (req: Request, ctx: { params: Promise<{ clusterId: string }> }) => {
  const { clusterId } = ClusterParamsSchema.parse(await ctx.params)
  const params = new URL(req.url).searchParams
  const format = FormatSchema.parse(params.get('format') ?? undefined)
  const filters = new URLSearchParams([...params].filter(([k]) => k !== 'format' && k !== 'before' && k !== 'limit'))
  const entries = await exportAuditEntries(clusterId, parseAuditQuery(filters))
  const body = format === 'csv' ? auditCsv(entries) : auditJsonLines(entries)
  // Cluster ids are [a-z0-9-] only (ClusterIdSchema), so the file name needs no escaping.
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  return new Response(body, {
    status: 200,
    headers: {
      'Content-Type': TYPES[format],
      'Content-Disposition': `attachment; filename="audit-${clusterId}-${stamp}.${format}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
})
