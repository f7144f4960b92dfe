'use client'

import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import type { ReplayJob, ReplayJobState, ReplayOptions } from '@/lib/dlq/api-types'
import { dlqKeys, replayJobUrl } from './dlq'
import { fetchJson } from './fetch-json'

const FINAL_STATES: ReadonlySet<ReplayJobState> = new Set(['cancelled', 'completed', 'failed', 'interrupted'])

/** A job in one of these states will not change any more. */
export const isFinalJobState = (state: ReplayJobState) => FINAL_STATES.has(state)

/** Without the event stream, the job is asked for this often until it ends. */
export const JOB_POLL_MS = 1_000

/** Share of the job done, 0..1 (a job of 0 records is done). */
export function jobFraction(job: Pick<ReplayJob, 'done' | 'total' | 'refused'>): number {
  if (job.total <= 0) return 1
  return Math.min(1, Math.max(0, (job.done + job.refused) / job.total))
}

/**
 * The edited value of a single-record replay, or why it cannot be sent: it must be valid JSON when the original was
 * (a consumer that failed on bad JSON would fail again).
 */
export function checkEditedValue(edited: string, originalWasJson: boolean): string | null {
  if (!originalWasJson) return null
  try {
    JSON.parse(edited)
    return null
  } catch (err) {
    return `Not valid JSON: ${err instanceof Error ? err.message : String(err)}`
  }
}

export type ReplayForm = {
  targetTopic: string
  keepKey: boolean
  stripErrorHeaders: boolean
  partitioning: 'original' | 'key'
  /** As typed; empty = no limit. */
  rateLimit: string
  /** null = send the original value. */
  editedValue: string | null
}

export const DEFAULT_REPLAY_FORM: ReplayForm = {
  targetTopic: '',
  keepKey: true,
  stripErrorHeaders: true,
  partitioning: 'original',
  rateLimit: '',
  editedValue: null,
}

/** The options the form asks for, or what is wrong with it. Empty target = each record's own source topic. */
export function replayOptionsOf(
  form: ReplayForm,
  single: { originalWasJson: boolean } | null,
): { options: ReplayOptions } | { error: string } {
  const options: ReplayOptions = {
    keepKey: form.keepKey,
    stripErrorHeaders: form.stripErrorHeaders,
    partitioning: form.partitioning,
  }
  const target = form.targetTopic.trim()
  if (target) options.targetTopic = target
  const rate = form.rateLimit.trim()
  if (rate) {
    const n = Number(rate)
    if (!Number.isFinite(n) || n <= 0) return { error: 'Rate limit: a positive number of messages per second' }
    options.rateLimit = n
  }
  if (form.editedValue !== null) {
    if (!single) return { error: 'The value can be edited only when one dead letter is replayed' }
    const problem = checkEditedValue(form.editedValue, single.originalWasJson)
    if (problem) return { error: problem }
    options.editedValue = form.editedValue
  }
  return { options }
}

/** "4 records to partition 2 of orders" lines for the finished job. */
export function describeTargets(job: Pick<ReplayJob, 'targets'>): string[] {
  return job.targets.map(
    (t) =>
      `${t.count} ${t.count === 1 ? 'copy' : 'copies'} to ${t.topic} partition ${t.partition} (last offset ${t.lastOffset})`,
  )
}

/**
 * One replay job, live: the SSE events route pushes each change until the job ends. If the stream cannot be opened
 * or breaks, the job is polled instead.
 */
export function useReplayJob(clusterId: string, jobId: string, initial?: ReplayJob) {
  const client = useQueryClient()
  const [streaming, setStreaming] = useState(true)
  const key = dlqKeys.job(clusterId, jobId)
  const query = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => fetchJson<ReplayJob>(replayJobUrl(clusterId, jobId), { signal }),
    initialData: initial,
    refetchInterval: (q) => (streaming || (q.state.data && isFinalJobState(q.state.data.state)) ? false : JOB_POLL_MS),
  })
  const final = query.data ? isFinalJobState(query.data.state) : false

  // biome-ignore lint/correctness/useExhaustiveDependencies: key is derived from clusterId and jobId
  useEffect(() => {
    if (final || !streaming) return
    const es = new EventSource(`${replayJobUrl(clusterId, jobId)}/events`)
    es.addEventListener('job', (e) => {
      const job = JSON.parse((e as MessageEvent).data) as ReplayJob
      client.setQueryData(key, job)
      if (isFinalJobState(job.state)) {
        es.close()
        // Statuses, counts and the jobs list changed with it.
        void client.invalidateQueries({ queryKey: dlqKeys.all(clusterId) })
      }
    })
    es.addEventListener('error', () => {
      es.close()
      setStreaming(false)
    })
    return () => es.close()
  }, [clusterId, jobId, final, streaming, client])

  return { ...query, streaming }
}
