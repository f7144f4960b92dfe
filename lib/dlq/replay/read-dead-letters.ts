import 'server-only'
import type { DeadLetterRecord } from './prepare-record'
import type { ReplayClient } from './replay-client'

/** "partition:offset" */
export function coordinateId(c: { partition: number; offset: string }): string {
  return `${c.partition}:${c.offset}`
}

/**
 * The dead letters at these coordinates, by coordinateId. Each partition is read from its first wanted offset,
 * jumping over gaps to the next wanted one; coordinates no longer in the topic (retention) are simply absent.
 */
export async function readDeadLetters(
  client: ReplayClient,
  dlqTopic: string,
  coords: { partition: number; offset: string }[],
): Promise<Map<string, DeadLetterRecord>> {
  const wanted = new Map<number, bigint[]>()
  for (const c of coords) {
    const list = wanted.get(c.partition) ?? []
    list.push(BigInt(c.offset))
    wanted.set(c.partition, list)
  }
  const out = new Map<string, DeadLetterRecord>()
  const ranges = [...wanted].map(([partition, offsets]) => {
    offsets.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    return { partition, from: offsets[0]!, until: offsets[offsets.length - 1]! + 1n }
  })
  const index = new Map(ranges.map((r) => [r.partition, 0]))
  await client.read(dlqTopic, ranges, (partition, records, next) => {
    const offsets = wanted.get(partition)!
    let i = index.get(partition)!
    for (const { record, offset } of records) {
      while (i < offsets.length && offsets[i]! < offset) i++
      if (i >= offsets.length) break
      if (offsets[i] === offset) {
        out.set(`${partition}:${offset}`, {
          partition,
          offset: offset.toString(),
          key: record.key,
          value: record.value,
          headers: record.headers,
        })
        i++
      }
    }
    while (i < offsets.length && offsets[i]! < next) i++
    index.set(partition, i)
    return i < offsets.length ? offsets[i]! : null
  })
  return out
}
