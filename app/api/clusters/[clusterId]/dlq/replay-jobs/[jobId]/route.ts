import { getReplayJob } from '@/lib/dlq/replay/replay-service'
import { json, route } from '@/lib/http/route'
import { type JobCtx, jobParamsOf } from './params'

export const dynamic = 'force-dynamic'

/** → ReplayJob */
export const GET = route(async (_req: Request, ctx: JobCtx) => {
  const { clusterId, jobId } = await jobParamsOf(ctx)
  return json(await getReplayJob(clusterId, jobId))
})
