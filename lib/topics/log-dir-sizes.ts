import type { BrokerLogSize } from './topic-detail-types'

/** One broker's DescribeLogDirs answer, reduced to what sizing one topic needs (a @platformatic/kafka answer fits). */
export type BrokerLogDirs = {
  broker: number
  results: {
    logDir: string
    topics: {
      name: string
      partitions: { partitionIndex: number; partitionSize: bigint | number; isFutureKey: boolean }[]
    }[]
  }[]
}

export type TopicLogSizes = { byPartition: Map<number, number>; byBroker: BrokerLogSize[] }

/**
 * Sizes of `topic` on disk: per partition the largest replica (followers catching up hold less; the leader's copy is
 * what a reader sees), per broker the sum of the replicas it holds. Future replicas (a move between log dirs in
 * progress) are copies, not data: left out.
 */
export function topicLogSizesOf(topic: string, answers: readonly BrokerLogDirs[]): TopicLogSizes {
  const byPartition = new Map<number, number>()
  const byBroker: BrokerLogSize[] = []
  for (const answer of answers) {
    let bytes = 0
    const partitions = new Set<number>()
    const logDirs = new Set<string>()
    for (const dir of answer.results) {
      for (const t of dir.topics) {
        if (t.name !== topic) continue
        for (const p of t.partitions) {
          if (p.isFutureKey) continue
          const size = Number(p.partitionSize)
          bytes += size
          partitions.add(p.partitionIndex)
          logDirs.add(dir.logDir)
          byPartition.set(p.partitionIndex, Math.max(byPartition.get(p.partitionIndex) ?? 0, size))
        }
      }
    }
    if (partitions.size > 0) {
      byBroker.push({ broker: answer.broker, bytes, partitions: partitions.size, logDirs: [...logDirs].sort() })
    }
  }
  byBroker.sort((a, b) => a.broker - b.broker)
  return { byPartition, byBroker }
}

/** Kafka prints topic ids as URL-safe base64 without padding (Uuid.toString); the wire gives 16 bytes. */
export function kafkaUuidOf(hyphenatedHex: string): string | null {
  const hex = hyphenatedHex.replace(/-/g, '')
  if (!/^[0-9a-f]{32}$/i.test(hex) || /^0+$/.test(hex)) return null
  return Buffer.from(hex, 'hex').toString('base64url')
}
