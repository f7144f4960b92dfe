import 'server-only'
import { CompressionTypes } from 'kafkajs'
import { sendRecords } from '@/lib/kafka/client'
import { encodeSample } from '../history/sample-codec'
import type { GroupLagSample } from '../history-types'
import { chunksOf } from '../map-concurrent'

// Keeps each produce request well under the broker's default 1 MB batch limit, even before compression.
const RECORDS_PER_REQUEST = 200

/** Writes one record per sample (key: group id, value: compact JSON, timestamp: the sample's time). */
export async function writeSamples(clusterId: string, topic: string, samples: GroupLagSample[]): Promise<void> {
  if (samples.length === 0) return
  for (const chunk of chunksOf(samples, RECORDS_PER_REQUEST)) {
    await sendRecords(clusterId, {
      topic,
      acks: -1,
      compression: CompressionTypes.GZIP,
      messages: chunk.map((s) => ({ key: s.groupId, value: encodeSample(s), timestamp: String(s.t) })),
    })
  }
}
