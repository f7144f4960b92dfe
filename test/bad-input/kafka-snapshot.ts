import type { Kafka } from 'kafkajs'

/** Every topic's end offset per partition ("topic/partition" → offset). */
export type Snapshot = Map<string, string>

export async function snapshotOffsets(kafka: Kafka): Promise<Snapshot> {
  const admin = kafka.admin()
  await admin.connect()
  try {
    const topics = await admin.listTopics()
    const out: Snapshot = new Map()
    await Promise.all(
      topics.map(async (topic) => {
        // Other test files create and delete topics on the same broker meanwhile.
        const offsets = await admin.fetchTopicOffsets(topic).catch(() => [])
        for (const o of offsets) out.set(`${topic}/${o.partition}`, o.high)
      }),
    )
    return out
  } finally {
    await admin.disconnect()
  }
}

export type SnapshotDiff = {
  newTopics: string[]
  /** Partitions whose end offset moved, with the range of new records. */
  moved: { topic: string; partition: number; from: string; to: string }[]
}

export function diffSnapshots(before: Snapshot, after: Snapshot): SnapshotDiff {
  const topicOf = (k: string) => k.slice(0, k.lastIndexOf('/'))
  const beforeTopics = new Set([...before.keys()].map(topicOf))
  const newTopics = [...new Set([...after.keys()].map(topicOf))].filter((t) => !beforeTopics.has(t))
  const moved: SnapshotDiff['moved'] = []
  for (const [k, to] of after) {
    // A partition of a topic created meanwhile moved from 0.
    const from = before.get(k) ?? '0'
    if (from !== to) moved.push({ topic: topicOf(k), partition: Number(k.slice(k.lastIndexOf('/') + 1)), from, to })
  }
  return { newTopics, moved }
}

/** The records in the moved ranges (key, value and header text), read without joining a group. */
export async function readMoved(kafka: Kafka, moved: SnapshotDiff['moved'], timeoutMs = 10_000): Promise<string[]> {
  if (moved.length === 0) return []
  const consumer = kafka.consumer({ groupId: `ferry-test-badin-reader-${Date.now()}` })
  const texts: string[] = []
  const pending = new Map(moved.map((m) => [`${m.topic}/${m.partition}`, BigInt(m.to)]))
  await consumer.connect()
  try {
    await consumer.subscribe({ topics: [...new Set(moved.map((m) => m.topic))], fromBeginning: true })
    const done = new Promise<void>((resolve) => {
      void consumer.run({
        autoCommit: false,
        eachMessage: async ({ topic, partition, message }) => {
          const k = `${topic}/${partition}`
          const end = pending.get(k)
          const m = moved.find((x) => x.topic === topic && x.partition === partition)
          if (end === undefined || !m) return
          if (BigInt(message.offset) >= BigInt(m.from) && BigInt(message.offset) < end) {
            const headers = Object.entries(message.headers ?? {}).map(([h, v]) => `${h}=${String(v)}`)
            texts.push(
              `${k}@${message.offset} ${message.key?.toString() ?? ''} ${message.value?.toString() ?? ''} ${headers.join(' ')}`,
            )
          }
          if (BigInt(message.offset) + 1n >= end) pending.delete(k)
          if (pending.size === 0) resolve()
        },
      })
    })
    await Promise.race([done, new Promise((r) => setTimeout(r, timeoutMs))])
    return texts
  } finally {
    await consumer.disconnect()
  }
}
