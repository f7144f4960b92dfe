import 'server-only'
import { ensureStateTopic, type StateTopic } from '@/lib/state/state-topics'
import { REPLAY_JOBS_TOPIC_SPEC } from '../resolutions/types'
import type { StoredJob } from './job-types'
import type { ReplayClient } from './replay-client'

export function jobsTopicOf(clusterId: string): Promise<StateTopic> {
  return ensureStateTopic(clusterId, 'replay-jobs', REPLAY_JOBS_TOPIC_SPEC)
}

/** Appends the job's latest state (acks=all). The topic has one partition: one log orders every job update. */
export async function writeJob(client: ReplayClient, topic: string, stored: StoredJob): Promise<void> {
  await client.send([
    {
      topic,
      partition: 0,
      key: Buffer.from(stored.job.id, 'utf8'),
      value: Buffer.from(JSON.stringify(stored), 'utf8'),
      headers: [],
    },
  ])
}

/** Every job's latest record, read from the start of the compacted jobs topic. */
export async function readJobs(client: ReplayClient, topic: string): Promise<Map<string, StoredJob>> {
  const out = new Map<string, StoredJob>()
  const marks = (await client.watermarks(topic, [0])).get(0)
  if (!marks) return out
  await client.read(topic, [{ partition: 0, from: marks.low, until: marks.high }], (_p, records, next) => {
    for (const { record } of records) {
      const id = record.key?.toString('utf8')
      if (!id) continue
      if (!record.value) {
        out.delete(id)
        continue
      }
      try {
        out.set(id, JSON.parse(record.value.toString('utf8')) as StoredJob)
      } catch {
        // A record that is not a job (written by hand?) is ignored.
      }
    }
    return next
  })
  return out
}
