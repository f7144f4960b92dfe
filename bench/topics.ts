import { execFileSync } from 'node:child_process'
import { parseArgs } from 'node:util'
import { Kafka, logLevel } from 'kafkajs'
import { replaceConfig } from '@/lib/config'
import { FerryConfigSchema } from '@/lib/config/schema'
import { closeAllClients } from '@/lib/kafka/client'
import { listTopics } from '@/lib/topics/list-topics'
import { startKafka } from '../scripts/kafka/broker'
import { kafkaClasspath } from '../scripts/kafka/fetch-kafka'

// bench/topics: the topic list on a cluster with many topics (default 5,000 × 2 partitions), measured in one run
// beside Kafka's own GetOffsetShell (reads every partition's end offset) and kcat -L (metadata only), plus the naive
// kafkajs path (fetchTopicOffsets per topic) that lib/kafka/fetch-watermarks.ts avoids.
// Run: npm run bench:topics -- [--topics 5000] [--partitions 2]
async function main() {
  const { values } = parseArgs({
    options: { topics: { type: 'string', default: '5000' }, partitions: { type: 'string', default: '2' } },
  })
  const topicCount = Number(values.topics)
  const partitions = Number(values.partitions)
  const kafka = await startKafka({ port: 0, heap: '1g' })
  try {
    const brokers = kafka.bootstrap.split(',')
    const client = new Kafka({ clientId: 'bench', brokers, logLevel: logLevel.NOTHING })
    const admin = client.admin()
    await admin.connect()
    let t = Date.now()
    for (let i = 0; i < topicCount; i += 500) {
      const names = Array.from(
        { length: Math.min(500, topicCount - i) },
        (_, j) => `bench.topic-${String(i + j).padStart(5, '0')}`,
      )
      await admin.createTopics({
        topics: names.map((topic) => ({ topic, numPartitions: partitions })),
        waitForLeaders: false,
      })
    }
    // CreateTopics returns once the controller accepted them; wait until the broker's metadata lists them all.
    for (let seen = 0; seen < topicCount; ) {
      seen = (await admin.listTopics()).filter((n) => n.startsWith('bench.topic-')).length
      if (seen < topicCount) await new Promise((r) => setTimeout(r, 500))
    }
    console.log(`setup: created ${topicCount} topics × ${partitions} partitions in ${Date.now() - t} ms`)
    const producer = client.producer()
    await producer.connect()
    await producer.send({ topic: 'bench.topic-00000', messages: [{ value: 'x' }] })
    await producer.disconnect()

    replaceConfig({ source: 'bench', config: FerryConfigSchema.parse({ clusters: [{ id: 'bench', brokers }] }) })
    await listTopics('bench') // warm the pooled connections, as a running console has them
    const ferry = median(
      await times(5, async () => {
        const { topics } = await listTopics('bench')
        if (topics.length < topicCount) throw new Error(`listed only ${topics.length} topics`)
      }),
    )

    const cp = kafkaClasspath(kafka.libs)
    const getOffsetShell = median(
      await times(3, async () => {
        execFileSync(
          'java',
          ['-Xmx512m', '-cp', cp, 'org.apache.kafka.tools.GetOffsetShell', '--bootstrap-server', brokers[0]!],
          { stdio: 'ignore', maxBuffer: 1 << 28 },
        )
      }),
    )
    let kcat: number | null = null
    try {
      kcat = median(
        await times(3, async () => {
          execFileSync('kcat', ['-L', '-b', brokers[0]!], { stdio: 'ignore', maxBuffer: 1 << 28 })
        }),
      )
    } catch {
      /* kcat not installed */
    }

    // The naive kafkajs path, on 500 topics only (it grows quadratically), scaled linearly (an underestimate).
    const sample = 500
    t = performance.now()
    const naive = client.admin()
    await naive.connect()
    for (let i = 0; i < sample; i++) await naive.fetchTopicOffsets(`bench.topic-${String(i).padStart(5, '0')}`)
    const naiveMs = ((performance.now() - t) * topicCount) / sample
    await naive.disconnect()
    await admin.disconnect()

    console.log(`\nTopic list, ${topicCount} topics × ${partitions} partitions (median):`)
    console.log(`  Ferry listTopics (metadata + watermarks + configs): ${ferry.toFixed(0)} ms`)
    console.log(
      `  Kafka GetOffsetShell (JVM start + end offsets):     ${getOffsetShell.toFixed(0)} ms   ratio ${(getOffsetShell / ferry).toFixed(2)}× (>1 = Ferry faster)`,
    )
    if (kcat !== null)
      console.log(
        `  kcat -L (metadata only):                           ${kcat.toFixed(0)} ms   ratio ${(kcat / ferry).toFixed(2)}×`,
      )
    console.log(
      `  kafkajs fetchTopicOffsets per topic (extrapolated from ${sample}): ${naiveMs.toFixed(0)} ms   ratio ${(naiveMs / ferry).toFixed(1)}×`,
    )
  } finally {
    await closeAllClients()
    await kafka.stop()
  }
}

async function times(n: number, fn: () => Promise<void>): Promise<number[]> {
  const out: number[] = []
  for (let i = 0; i < n; i++) {
    const t = performance.now()
    await fn()
    out.push(performance.now() - t)
  }
  return out
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] ?? 0
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
