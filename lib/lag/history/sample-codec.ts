import type { GroupLagSample, PartitionSample } from '../history-types'

// The samples topic's record value: compact JSON, versioned, partitions as tuples so that a 7-day topic of a busy
// cluster stays small (the producer also gzips each batch).
// v1: {"v":1,"t":<epoch ms>,"g":<group id>,"s":<state>,"m":<members>,"p":[[topic,partition,committed|null,end,lagMs|null],…]}

type PartitionTuple = [string, number, string | null, string, number | null]

export function encodeSample(s: GroupLagSample): string {
  const p: PartitionTuple[] = s.partitions.map((x) => [x.topic, x.partition, x.committed, x.end, x.lagMs])
  return JSON.stringify({ v: 1, t: s.t, g: s.groupId, s: s.state, m: s.members, p })
}

const INTEGER = /^-?\d+$/

/** The sample, or null for anything that is not a v1 sample (a foreign or newer record is skipped, not fatal). */
export function decodeSample(text: string): GroupLagSample | null {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return null
  }
  const o = raw as { v?: unknown; t?: unknown; g?: unknown; s?: unknown; m?: unknown; p?: unknown }
  if (o?.v !== 1 || !Number.isFinite(o.t) || typeof o.g !== 'string' || typeof o.s !== 'string') return null
  if (!Number.isInteger(o.m) || !Array.isArray(o.p)) return null
  const partitions: PartitionSample[] = []
  for (const tuple of o.p as unknown[]) {
    if (!Array.isArray(tuple)) return null
    const [topic, partition, committed, end, lagMs] = tuple as unknown[]
    if (typeof topic !== 'string' || !Number.isInteger(partition)) return null
    if (committed !== null && !(typeof committed === 'string' && INTEGER.test(committed))) return null
    if (typeof end !== 'string' || !INTEGER.test(end)) return null
    if (lagMs !== null && !Number.isFinite(lagMs)) return null
    partitions.push({
      topic,
      partition: partition as number,
      committed: committed as string | null,
      end,
      lagMs: lagMs as number | null,
    })
  }
  return { t: o.t as number, groupId: o.g, state: o.s, members: o.m as number, partitions }
}
