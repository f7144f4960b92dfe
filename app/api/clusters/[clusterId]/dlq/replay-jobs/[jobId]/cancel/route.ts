import { ANONYMOUS_ACTOR } from '@/lib/audit/record-audit'
import { cancelReplayJob } from '@/lib/dlq/replay/replay-service'
import { json, route } from '@/lib/http/route'
import { type JobCtx, jobParamsOf } from '../params'

export const dynamic = 'force-dynamic'

/** → { job: ReplayJob, audit }: the job stops after its current chunk is acknowledged and checkpointed. */
export const POST = route(async (_req: Request, ctx: JobCtx) => {
  const { clusterId, jobId } = await jobParamsOf(ctx)
  return json(await cancelReplayJob(clusterId, jobId, ANONYMOUS_ACTOR))
})
