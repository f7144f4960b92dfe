import 'server-only'
import type { ReplayPlan } from '../api-types'
import { type ChunkContext, prepareChunk } from './prepare-chunk'
import type { ReplayClient } from './replay-client'

const PLAN_CHUNK = 10_000
const SAMPLE = 5
const REFUSAL_SAMPLE = 20

/** Why the current user may not replay to a target topic, or null when they may. */
export type TargetRefusal = (topic: string) => string | null

/**
 * The dry run: every selected dead letter through the job's own prepareChunk, counted, nothing sent. Dead letters
 * whose target the user may not write to (`refuseTarget`) are counted as refused, with the reason in words.
 */
export async function planReplay(
  client: ReplayClient,
  coords: { partition: number; offset: string }[],
  ctx: ChunkContext,
  refuseTarget: TargetRefusal = () => null,
): Promise<ReplayPlan> {
  const plan: ReplayPlan = {
    dryRun: true,
    total: coords.length,
    toSend: 0,
    refused: { count: 0, sample: [] },
    byTarget: [],
    sample: [],
  }
  const byTarget = new Map<string, ReplayPlan['byTarget'][number]>()
  for (let i = 0; i < coords.length; i += PLAN_CHUNK) {
    // Not released: the sample keeps views of the fetched bytes.
    const { items } = await prepareChunk(client, coords.slice(i, i + PLAN_CHUNK), ctx)
    for (const item of items) {
      if (item.kind === 'refused') {
        plan.refused.count++
        if (plan.refused.sample.length < REFUSAL_SAMPLE) plan.refused.sample.push({ ...item.from, reason: item.reason })
        continue
      }
      if (item.kind !== 'send') continue
      const forbidden = refuseTarget(item.topic)
      if (forbidden !== null) {
        plan.refused.count++
        if (plan.refused.sample.length < REFUSAL_SAMPLE) plan.refused.sample.push({ ...item.from, reason: forbidden })
        continue
      }
      plan.toSend++
      const k = `${item.topic}\u0000${item.partition}`
      const t = byTarget.get(k) ?? { topic: item.topic, partition: item.partition, count: 0 }
      t.count++
      byTarget.set(k, t)
      if (plan.sample.length < SAMPLE) {
        plan.sample.push({
          from: item.from,
          to: { topic: item.topic, partition: item.partition },
          key: item.key?.toString('utf8'),
          value: item.value?.toString('utf8'),
          headers: item.headers.map(([key, v]) => ({ key, value: v.toString('utf8') })),
        })
      }
    }
  }
  plan.byTarget = [...byTarget.values()].sort((a, b) =>
    a.topic !== b.topic ? a.topic.localeCompare(b.topic) : (a.partition ?? -1) - (b.partition ?? -1),
  )
  return plan
}
