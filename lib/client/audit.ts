import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query'
import { type AuditFilters, type AuditPage, auditQueryString } from '@/lib/audit/audit-query'
import { clusterKeys } from './clusters'
import { fetchJson } from './fetch-json'

/** The trail only grows when someone acts; a slow poll keeps an open viewer current without re-reading often. */
export const AUDIT_POLL_MS = 30_000
export const AUDIT_PAGE_SIZE = 100

export const auditKeys = {
  all: (clusterId: string) => [...clusterKeys.detail(clusterId), 'audit'] as const,
  list: (clusterId: string, filters: AuditFilters) => [...auditKeys.all(clusterId), 'list', filters] as const,
}

const base = (clusterId: string) => `/api/clusters/${encodeURIComponent(clusterId)}/audit`

export const auditUrl = (clusterId: string, filters: AuditFilters, before?: string) =>
  `${base(clusterId)}?${auditQueryString({ ...filters, limit: AUDIT_PAGE_SIZE, before })}`

/** The export of everything matching the filters, as a file download (the route sets Content-Disposition). */
export const auditExportUrl = (clusterId: string, filters: AuditFilters, format: 'csv' | 'jsonl') =>
  `${base(clusterId)}/export?${auditQueryString({ ...filters, format })}`

/** Pages of matching audit entries, newest first; "load older" follows the server's cursor. */
export const useAuditEntries = (clusterId: string, filters: AuditFilters) =>
  useInfiniteQuery({
    queryKey: auditKeys.list(clusterId, filters),
    queryFn: ({ signal, pageParam }) => fetchJson<AuditPage>(auditUrl(clusterId, filters, pageParam), { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: AUDIT_POLL_MS,
    placeholderData: keepPreviousData,
  })
