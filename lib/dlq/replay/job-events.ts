import 'server-only'
import { errorBodyOf, sseEvent } from '@/lib/messages/scan/scan-response'
import type { ReplayJob } from '../api-types'
import { getReplayJob, isFinal, isRunningHere, watchReplayJob } from './replay-service'

const POLL_MS = 1_000
const MIN_GAP_MS = 250

/** The job's states until a final one: pushed by a runner in this process, else read from the jobs topic each second. */
async function* jobUpdates(clusterId: string, jobId: string, signal: AbortSignal): AsyncGenerator<ReplayJob> {
  let latest = await getReplayJob(clusterId, jobId)
  let wake: (() => void) | undefined
  const unwatch = watchReplayJob(jobId, (job) => {
    latest = structuredClone(job)
    wake?.()
  })
  const onAbort = () => wake?.()
  signal.addEventListener('abort', onAbort)
  try {
    let sent = ''
    while (!signal.aborted) {
      const text = JSON.stringify(latest)
      if (text !== sent) {
        sent = text
        yield latest
      }
      if (isFinal(latest.state)) return
      await new Promise<void>((resolve) => {
        wake = resolve
        setTimeout(resolve, unwatch ? POLL_MS * 5 : POLL_MS)
      })
      wake = undefined
      await new Promise((r) => setTimeout(r, MIN_GAP_MS))
      // Not running here (or no longer): the jobs topic has the state.
      if (!isRunningHere(jobId)) latest = await getReplayJob(clusterId, jobId)
    }
  } finally {
    unwatch?.()
    signal.removeEventListener('abort', onAbort)
  }
}

/** GET /replay-jobs/[jobId]/events: `event: job` with the ReplayJob, until it reaches a final state. */
export function replayJobEvents(clusterId: string, jobId: string, signal: AbortSignal): Response {
  const updates = jobUpdates(clusterId, jobId, signal)
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await updates.next()
        if (next.done) return controller.close()
        controller.enqueue(sseEvent('job', next.value))
      } catch (err) {
        if (!signal.aborted) controller.enqueue(sseEvent('error', errorBodyOf(err)))
        controller.close()
      }
    },
    async cancel() {
      await updates.return(undefined)
    },
  })
  return new Response(stream, {
    status: 200,
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store, no-transform',
      'X-Accel-Buffering': 'no',
    },
  })
}
