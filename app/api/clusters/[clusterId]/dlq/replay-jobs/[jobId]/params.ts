import { z } from 'zod'
import { decodeSegment } from '@/lib/http/json-body'
import { ClusterIdSchema } from '@/lib/http/params'

const JobParamsSchema = z.object({ clusterId: ClusterIdSchema, jobId: z.string().uuid() })

export type JobCtx = { params: Promise<{ clusterId: string; jobId: string }> }

export async function jobParamsOf(ctx: JobCtx): Promise<{ clusterId: string; jobId: string }> {
  const raw = await ctx.params
  return JobParamsSchema.parse({ ...raw, jobId: decodeSegment(raw.jobId) })
}
