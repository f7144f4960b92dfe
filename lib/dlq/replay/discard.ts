import 'server-only'
import { recordAudit } from '@/lib/audit/record-audit'
import { getClusterConfig } from '@/lib/config'
import { ApiError } from '@/lib/errors'
import type { DiscardRequest, DiscardResult } from '../api-types'
import type { ResolutionRecord } from '../resolutions/types'
import { resolutionsTopicOf, writeResolutions } from '../resolutions/write-resolutions'
import { coordinateId } from './read-dead-letters'
import { readResolutionsOf } from './read-resolutions-of'
import { ReplayClient } from './replay-client'
import { jsonOf } from './replay-service'
import { resolveSelection } from './resolve-selection'

/**
 * POST /discard: marks dead letters as discarded, with the reason, in the resolutions topic. Already discarded ones
 * are skipped; in a filter selection, already replayed ones too. Offsets not in the topic are skipped.
 */
export async function discardDeadLetters(
  clusterId: string,
  request: DiscardRequest,
  by: string,
): Promise<DiscardResult> {
  const cluster = getClusterConfig(clusterId)
  if (cluster.readOnly) throw new ApiError('forbidden', `Cluster "${clusterId}" is read-only`)
  const topic = await resolutionsTopicOf(clusterId)
  if (!topic.ok)
    throw new ApiError('forbidden', `Discarding needs Ferry's state topic "${topic.topic}": ${topic.reason}`)
  const client = new ReplayClient(clusterId, 'ferry-discard')
  try {
    const partitions = await client.partitionsOf(request.dlqTopic)
    if (partitions === undefined) throw new ApiError('not_found', `Topic "${request.dlqTopic}" not found`)
    const coords = await resolveSelection(clusterId, request.dlqTopic, request.selection)
    const marks = await client.watermarks(
      request.dlqTopic,
      Array.from({ length: partitions }, (_, p) => p),
    )
    const resolutions = await readResolutionsOf(client, topic.topic, request.dlqTopic)
    const at = new Date().toISOString()
    const writes: {
      coordinates: { dlqTopic: string; partition: number; offset: string }
      resolution: ResolutionRecord
    }[] = []
    let skipped = 0
    for (const c of coords) {
      const mark = marks.get(c.partition)
      const existing = resolutions.get(coordinateId(c))
      const inTopic = mark !== undefined && BigInt(c.offset) >= mark.low && BigInt(c.offset) < mark.high
      if (!inTopic || existing?.status === 'discarded' || (request.selection.kind === 'filter' && existing)) {
        skipped++
        continue
      }
      writes.push({
        coordinates: { dlqTopic: request.dlqTopic, ...c },
        resolution: {
          clusterId,
          status: 'discarded',
          at,
          by,
          reason: request.reason,
          replayCount: existing?.replayCount ?? 0,
        },
      })
    }
    let error: string | undefined
    try {
      await writeResolutions(client, topic.topic, writes)
    } catch (err) {
      error = (err as Error).message
    }
    const audit = await recordAudit(clusterId, {
      actor: by,
      action: 'dlq.discard',
      target: { topic: request.dlqTopic },
      params: jsonOf({
        selection: request.selection.kind === 'records' ? { kind: 'records', count: coords.length } : request.selection,
        reason: request.reason,
        discarded: error ? 0 : writes.length,
        skipped,
      }),
      result: error ? 'error' : 'ok',
      error,
      summary: `Discarded ${error ? 0 : writes.length} dead letters of "${request.dlqTopic}" (${skipped} skipped): ${request.reason}`,
    })
    if (error) throw new ApiError('broker_unavailable', `The resolutions could not be written: ${error}`)
    return { discarded: writes.length, skipped, audit }
  } finally {
    await client.close()
  }
}
