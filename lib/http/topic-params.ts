import { z } from 'zod'
import { decodeSegment } from './json-body'
import { ClusterIdSchema, TopicNameSchema } from './params'

export const TopicParamsSchema = z.object({ clusterId: ClusterIdSchema, topic: TopicNameSchema })

/** Route params of …/topics/[topic]: Next hands the segment over still percent-encoded; decoded once, then checked. */
export async function topicParamsOf(params: Promise<{ clusterId: string; topic: string }>) {
  const raw = await params
  return TopicParamsSchema.parse({ ...raw, topic: decodeSegment(raw.topic) })
}
