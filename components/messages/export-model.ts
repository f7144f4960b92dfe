// Pure: the export an explorer view asks for.
import { EXPORT_BOUNDS, exportPath } from '@/lib/messages/export/export-query'
import type { ExportFormat } from '@/lib/messages/export/format-row'
import { SCAN_BOUNDS } from '@/lib/messages/types'
import { type ExplorerState, toScanRequest } from './explorer-model'

/**
 * The export URL of the explorer's view: same partitions, start, direction, filter and formats. "Results" keeps the
 * view's limit and maxScan; "full" raises both to their bounds. Either gets the longest time bound, because a scan's
 * clock also runs while a slow download is taking the rows.
 */
export function exportHref(
  clusterId: string,
  topic: string,
  state: ExplorerState,
  format: ExportFormat,
  full: boolean,
): { href: string } | { error: string } {
  const built = toScanRequest(state)
  if ('error' in built) return built
  const request = {
    ...built.request,
    maxMs: SCAN_BOUNDS.maxMs,
    ...(full ? { limit: EXPORT_BOUNDS.limit, maxScan: SCAN_BOUNDS.maxScan } : {}),
  }
  return { href: exportPath(clusterId, topic, request, format) }
}
