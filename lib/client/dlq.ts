import {
  keepPreviousData,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query'
import type { AuditStatus } from '@/lib/audit/types'
import type {
  DeadLetterDetail,
  DeadLetterPage,
  DeadLetterQuery,
  DiscardRequest,
  DiscardResult,
  DlqDashboard,
  ReplayJob,
  ReplayPlan,
  ReplayRequest,
  StateTopicHealth,
} from '@/lib/dlq/api-types'
import { clusterKeys, useClusters } from './clusters'
import { fetchJson } from './fetch-json'

/** The dashboard's figures come from an incremental index: 10 s keeps them current without re-reading. */
export const DLQ_POLL_MS = 10_000

export type ReplayJobList = { jobs: ReplayJob[]; state: StateTopicHealth }
export type ReplayStarted = { job: ReplayJob; audit: AuditStatus }

/** The query fields, in a fixed order, as URL parameters (empty ones left out). */
export const DEAD_LETTER_QUERY_FIELDS = [
  'topic',
  'sourceTopic',
  'errorType',
  'fingerprint',
  'status',
  'from',
  'to',
  'text',
  'cel',
] as const satisfies readonly (keyof DeadLetterQuery)[]

export function deadLetterQueryParams(query: DeadLetterQuery, cursor?: string): URLSearchParams {
  const q = new URLSearchParams()
  for (const field of DEAD_LETTER_QUERY_FIELDS) {
    const value = query[field]?.trim()
    if (value) q.set(field, value)
  }
  if (cursor) q.set('cursor', cursor)
  return q
}

/** The query without empty fields: equal filters give equal cache keys. */
export function normaliseDeadLetterQuery(query: DeadLetterQuery): DeadLetterQuery {
  return Object.fromEntries(deadLetterQueryParams(query)) as DeadLetterQuery
}

export const dlqUrl = (clusterId: string) => `/api/clusters/${encodeURIComponent(clusterId)}/dlq`
export const deadLettersUrl = (clusterId: string, query: DeadLetterQuery, cursor?: string) => {
  const q = deadLetterQueryParams(query, cursor).toString()
  return `${dlqUrl(clusterId)}/messages${q ? `?${q}` : ''}`
}
export const deadLetterUrl = (clusterId: string, topic: string, partition: number, offset: string) =>
  `${dlqUrl(clusterId)}/messages/${encodeURIComponent(topic)}/${partition}/${encodeURIComponent(offset)}`
export const replayJobsUrl = (clusterId: string) => `${dlqUrl(clusterId)}/replay-jobs`
export const replayJobUrl = (clusterId: string, jobId: string) =>
  `${replayJobsUrl(clusterId)}/${encodeURIComponent(jobId)}`

export const dlqKeys = {
  all: (clusterId: string) => [...clusterKeys.detail(clusterId), 'dlq'] as const,
  dashboard: (clusterId: string) => [...dlqKeys.all(clusterId), 'dashboard'] as const,
  messages: (clusterId: string, query: DeadLetterQuery) =>
    [...dlqKeys.all(clusterId), 'messages', normaliseDeadLetterQuery(query)] as const,
  detail: (clusterId: string, topic: string, partition: number, offset: string) =>
    [...dlqKeys.all(clusterId), 'detail', topic, partition, offset] as const,
  jobs: (clusterId: string) => [...dlqKeys.all(clusterId), 'jobs'] as const,
  job: (clusterId: string, jobId: string) => [...dlqKeys.jobs(clusterId), jobId] as const,
}

export const dlqDashboardQuery = (clusterId: string) =>
  queryOptions({
    queryKey: dlqKeys.dashboard(clusterId),
    queryFn: ({ signal }) => fetchJson<DlqDashboard>(dlqUrl(clusterId), { signal }),
    refetchInterval: DLQ_POLL_MS,
  })

export const useDlqDashboard = (clusterId: string) => useQuery(dlqDashboardQuery(clusterId))

/** Pages of matching dead letters; "load more" follows the server's cursor. */
export const useDeadLetters = (clusterId: string, query: DeadLetterQuery) =>
  useInfiniteQuery({
    queryKey: dlqKeys.messages(clusterId, query),
    queryFn: ({ signal, pageParam }) =>
      fetchJson<DeadLetterPage>(deadLettersUrl(clusterId, query, pageParam), { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: DLQ_POLL_MS,
    placeholderData: keepPreviousData,
  })

export const useDeadLetterDetail = (
  clusterId: string,
  at: { topic: string; partition: number; offset: string } | null,
) =>
  useQuery({
    queryKey: at
      ? dlqKeys.detail(clusterId, at.topic, at.partition, at.offset)
      : [...dlqKeys.all(clusterId), 'detail', null],
    queryFn: ({ signal }) =>
      at
        ? fetchJson<DeadLetterDetail>(deadLetterUrl(clusterId, at.topic, at.partition, at.offset), { signal })
        : Promise.reject(new Error('no dead letter selected')),
    enabled: at !== null,
  })

export const useReplayJobs = (clusterId: string) =>
  useQuery({
    queryKey: dlqKeys.jobs(clusterId),
    queryFn: ({ signal }) => fetchJson<ReplayJobList>(replayJobsUrl(clusterId), { signal }),
    refetchInterval: DLQ_POLL_MS,
  })

const postJson = <T>(url: string, body?: unknown) =>
  fetchJson<T>(url, {
    method: 'POST',
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  })

/** One DLQ topic's part of an action that spans several: its result, or why it failed (the others go on). */
export type PerTopic<T> = { dlqTopic: string } & ({ ok: true; value: T } | { ok: false; error: unknown })

/** Runs `each` for every request in turn (one DLQ topic each), keeping every outcome. */
async function perTopic<R extends { dlqTopic: string }, T>(
  requests: R[],
  each: (request: R) => Promise<T>,
): Promise<PerTopic<T>[]> {
  const out: PerTopic<T>[] = []
  for (const r of requests) {
    try {
      out.push({ dlqTopic: r.dlqTopic, ok: true, value: await each(r) })
    } catch (error) {
      out.push({ dlqTopic: r.dlqTopic, ok: false, error })
    }
  }
  return out
}

/** Dry runs, one per DLQ topic: what a replay would send. Changes nothing, so nothing is invalidated. */
export const useReplayDryRuns = (clusterId: string) =>
  useMutation({
    mutationFn: (requests: Omit<ReplayRequest, 'dryRun'>[]) =>
      perTopic(requests, (r) => postJson<ReplayPlan>(`${dlqUrl(clusterId)}/replay`, { ...r, dryRun: true })),
  })

/** Starts a replay job per DLQ topic (the server plans each again); statuses and the dashboard change as they run. */
export const useStartReplays = (clusterId: string) => {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (requests: Omit<ReplayRequest, 'dryRun'>[]) =>
      perTopic(requests, (r) => postJson<ReplayStarted>(`${dlqUrl(clusterId)}/replay`, { ...r, dryRun: false })),
    onSettled: () => client.invalidateQueries({ queryKey: dlqKeys.all(clusterId) }),
  })
}

export const useCancelReplayJob = (clusterId: string) => {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (jobId: string) => postJson<ReplayStarted>(`${replayJobUrl(clusterId, jobId)}/cancel`),
    onSettled: () => client.invalidateQueries({ queryKey: dlqKeys.jobs(clusterId) }),
  })
}

/** Discards, one request per DLQ topic. */
export const useDiscards = (clusterId: string) => {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (requests: DiscardRequest[]) =>
      perTopic(requests, (r) => postJson<DiscardResult>(`${dlqUrl(clusterId)}/discard`, r)),
    onSettled: () => client.invalidateQueries({ queryKey: dlqKeys.all(clusterId) }),
  })
}

/** Mutating buttons are disabled on a read-only cluster (the server refuses anyway); the reason goes in the title. */
export const READ_ONLY_REASON = 'This cluster is read-only in Ferry’s config'

export function useClusterReadOnly(clusterId: string): boolean {
  const clusters = useClusters()
  return clusters.data?.clusters.find((c) => c.id === clusterId)?.readOnly ?? false
}
