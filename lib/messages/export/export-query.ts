// Shared by server and browser: an export's query string (the scan query, a larger limit, and the file format).
import { z } from 'zod'
import { parseScanQuery, toScanQuery } from '../scan-query'
import { SCAN_BOUNDS, SCAN_DEFAULTS, type ScanRequest } from '../types'
import type { ExportFormat } from './format-row'

/** An export streams to a file, so it may hold far more messages than a scan shown in the browser. */
export const EXPORT_BOUNDS = { limit: 1_000_000 } as const

const ExportOnlySchema = z.object({
  format: z.enum(['ndjson', 'csv']).default('ndjson'),
  limit: z.coerce.number().int().min(1).max(EXPORT_BOUNDS.limit).default(SCAN_DEFAULTS.limit),
})

export type ExportQuery = { request: ScanRequest; format: ExportFormat }

/** Parses an export's query parameters; throws one ZodError with every issue on bad input. */
export function parseExportQuery(params: URLSearchParams): ExportQuery {
  const own = ExportOnlySchema.safeParse({
    format: params.get('format') || undefined,
    limit: params.get('limit') || undefined,
  })
  const rest = new URLSearchParams(params)
  rest.delete('format')
  rest.delete('limit')
  let request: ScanRequest | undefined
  const issues: z.core.$ZodIssue[] = own.success ? [] : [...own.error.issues]
  try {
    request = parseScanQuery(rest)
  } catch (err) {
    if (!(err instanceof z.ZodError)) throw err
    issues.push(...err.issues)
  }
  if (issues.length > 0 || !own.success || !request) throw new z.ZodError(issues)
  return { request: { ...request, limit: own.data.limit }, format: own.data.format }
}

/** The query string of an export (the scan's parameters plus format; limit may exceed a scan's). */
export function toExportQuery(request: ScanRequest, format: ExportFormat): URLSearchParams {
  const q = toScanQuery({ ...request, limit: Math.min(request.limit, SCAN_BOUNDS.limit) })
  q.set('limit', String(request.limit))
  q.set('format', format)
  return q
}

export function exportPath(clusterId: string, topic: string, request: ScanRequest, format: ExportFormat): string {
  return `/api/clusters/${encodeURIComponent(clusterId)}/topics/${encodeURIComponent(topic)}/messages/export?${toExportQuery(request, format)}`
}
