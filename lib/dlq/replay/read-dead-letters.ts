import 'server-only'
import { DeadLetterTable } from '../raw/dead-letter-table'
import type { ReplayClient } from './replay-client'

/** "partition:offset" */
export function coordinateId(c: { partition: number; offset: string }): string {
  return `${c.partition}:${c.offset}`
}

/**
 * The dead letters at these coordinates, in a DeadLetterTable (rows by coordinateId). Each partition is read from its
 * first wanted offset, jumping over gaps to the next wanted one; coordinates no longer in the topic (retention) are
 * simply absent.
 */
export async function readDeadLetters(
  client: ReplayClient,
  dlqTopic: string,
  coords: { partition: number; offset: string }[],
): Promise<DeadLetterTable> {
  const wanted = new Map<number, bigint[]>()
  for (const c of coords) {
    let list = wanted.get(c.partition)
    if (!list) {
      list = []
      wanted.set(c.partition, list)
    }
    list.push(BigInt(c.offset))
  }
  const table = new DeadLetterTable()
  const ranges = [...wanted].map(([partition, offsets]) => {
    offsets.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    return { partition, from: offsets[0]!, until: offsets[offsets.length - 1]! + 1n }
  })
  // Per partition: the first wanted offset not read yet.
  const index = new Map(ranges.map((r) => [r.partition, 0]))
  let offsets: bigint[] = []
  let i = 0
  // Records come in offset order: a wanted offset is taken once, whatever was fetched around it.
  const take = (offset: bigint): boolean => {
    while (i < offsets.length && offsets[i]! < offset) i++
    if (i < offsets.length && offsets[i] === offset) {
      i++
      return true
    }
    return false
  }
  await client.readInto(
    dlqTopic,
    ranges,
    (partition, bytes, from) => {
      offsets = wanted.get(partition)!
      i = index.get(partition)!
      const next = table.addBatches(partition, bytes, from, take)
      index.set(partition, i)
      return next
    },
    (partition, next) => {
      const list = wanted.get(partition)!
      let at = index.get(partition)!
      while (at < list.length && list[at]! < next) at++
      index.set(partition, at)
      return at < list.length ? list[at]! : null
    },
  )
  return table
}
