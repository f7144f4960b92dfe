import 'server-only'
import { ApiError } from '@/lib/errors'
import type { DeadLetterResolution } from '../api-types'
import { type DlqIndex, dlqIndexOf } from '../index/dlq-index'
import type { ReplayClient } from './replay-client'

/** A safety bound: a plan or job start gives up when the resolutions cannot be read to their end within this. */
const FRESH_WITHIN_MS = 120_000
/** Each catch-up of the index is bounded by this (the DLQ topics are read on too); the next one goes on. */
const STEP_MS = 2_000

/**
 * The latest resolution of every dead letter of one DLQ topic, keyed "partition:offset" (a tombstone puts a dead
 * letter back to pending). Read from the cluster's one incremental reader (the DLQ index's ResolutionStore, shared
 * with the dashboard and explorer), caught up to the topic's end as of this call: a record this console just
 * replayed or discarded is seen as such. `resolutionsTopic` is the store's own topic (kept for the callers).
 */
export async function readResolutionsOf(
  client: ReplayClient,
  _resolutionsTopic: string,
  dlqTopic: string,
): Promise<Map<string, DeadLetterResolution>> {
  const index = dlqIndexOf(client.cluster.id)
  await caughtUpSinceNow(index)
  const out = new Map<string, DeadLetterResolution>()
  for (const [partition, offsets] of index.resolutions.byTopic.get(dlqTopic) ?? []) {
    for (const [offset, { atMs: _atMs, ...resolution }] of offsets) out.set(`${partition}:${offset}`, resolution)
  }
  return out
}

/**
 * Waits until the store has read the resolutions topic up to its end as of this call. The index's catch-ups run one
 * at a time (refresh() joins the running one) and each reads the topic's watermarks when it starts. Once the second
 * catch-up after this call has started, the first has finished, so the store's high marks are at least the end as of
 * now and `caughtUp` (every partition read to its high mark) means read to there.
 */
async function caughtUpSinceNow(index: DlqIndex): Promise<void> {
  const after = index.stats.catchUps + 2
  const deadline = Date.now() + FRESH_WITHIN_MS
  for (;;) {
    if (index.stats.catchUps >= after) {
      const { health } = index.resolutions
      if (!health.ok)
        throw new ApiError('broker_unavailable', `The dead-letter resolutions cannot be read: ${health.reason}`)
      if (index.resolutions.caughtUp) return
    }
    if (Date.now() > deadline) {
      throw new ApiError(
        'broker_unavailable',
        `The dead-letter resolutions could not be read to their end within ${FRESH_WITHIN_MS / 1000} s`,
      )
    }
    await index.refresh(STEP_MS)
  }
}
