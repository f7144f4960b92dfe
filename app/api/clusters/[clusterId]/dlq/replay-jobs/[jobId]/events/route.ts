import { replayJobEvents } from '@/lib/dlq/replay/job-events'
import { getReplayJob } from '@/lib/dlq/replay/replay-service'
import { route } from '@/lib/http/route'
import { type JobCtx, jobParamsOf } from '../params'

export const dynamic = 'force-dynamic'

/** Server-Sent Events: `event: job` with the ReplayJob on each update, until a final state. */
export const GET = route(async (req: Request, ctx: JobCtx) => {
  const { clusterId, jobId } = await jobParamsOf(ctx)
  // An unknown job is a 404 before the stream opens.
  await getReplayJob(clusterId, jobId)
  return replayJobEvents(clusterId, jobId, req.signal)
})
