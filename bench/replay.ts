import { execSync } from 'node:child_process'
import { parseArgs } from 'node:util'
import { Kafka, logLevel } from 'kafkajs'
import { replaceConfig } from '@/lib/config'
import { FerryConfigSchema } from '@/lib/config/schema'
import { ReplayClient } from '@/lib/dlq/replay/replay-client'
import { getReplayJob, replay, replayJobSettled } from '@/lib/dlq/replay/replay-service'
import { springDeadLetter } from '@/lib/dlq/replay/test-support/dead-letters'
import { REPLAY_HEADERS } from '@/lib/dlq/resolutions/types'
import { closeAllClients } from '@/lib/kafka/client'
import { startKafka } from '../scripts/kafka/broker'

// bench/replay: a DLQ (`orders.DLT`, 6 partitions) of 100,000 Spring dead letters of ~1 KiB (kafka_dlt-* headers),
// then, in the same run:
//   1. `kcat -C … | kcat -P …` copying the DLQ's values to a fresh topic (the reference; arrivals counted);
//   2. Ferry's replay job of every dead letter back to `orders` (their source, original partitions), timed from the
//      request to the last acknowledged and checkpointed record; every dead letter must arrive exactly once
//      (counted by the ferry-replay-dlq-offset header).
// Run: npm run bench:replay -- [--records 100000] [--partitions 6]

async function main() {
  const { values } = parseArgs({
    options: { records: { type: 'string', default: '100000' }, partitions: { type: 'string', default: '6' } },
  })
  const records = Number(values.records)
  const partitions = Number(values.partitions)
  const kafka = await startKafka({ port: 0, heap: '1g' })
  try {
    const brokers = kafka.bootstrap.split(',')
    const k = new Kafka({ clientId: 'bench', brokers, logLevel: logLevel.NOTHING })
    const admin = k.admin()
    await admin.connect()
    await admin.createTopics({
      topics: ['orders', 'orders.DLT', 'kcat-copy'].map((topic) => ({ topic, numPartitions: partitions })),
      waitForLeaders: true,
    })
    await admin.disconnect()
    let t = performance.now()
    const producer = k.producer({ idempotent: true, maxInFlightRequests: 1 })
    await producer.connect()
    const BATCH = 2_000
    for (let i = 0; i < records; i += BATCH) {
      const messages = []
      for (let j = i; j < Math.min(records, i + BATCH); j++) {
        messages.push(springDeadLetter('orders', j % partitions, j, payloadOf(j)))
      }
      await producer.send({ topic: 'orders.DLT', acks: -1, messages })
    }
    await producer.disconnect()
    console.log(`setup: ${records.toLocaleString('en')} dead letters of ~1 KiB in ${ms(performance.now() - t)}`)

    // 1. The reference: kcat consume → produce pipe.
    t = performance.now()
    execSync(
      `kcat -C -b ${brokers[0]} -t orders.DLT -e -o beginning -q | kcat -P -b ${brokers[0]} -t kcat-copy -X acks=all`,
      { stdio: 'ignore', shell: '/bin/bash' },
    )
    const kcatMs = performance.now() - t
    replaceConfig({ source: 'bench', config: FerryConfigSchema.parse({ clusters: [{ id: 'bench', brokers }] }) })
    const copied = await endOffsets('kcat-copy', partitions)

    // 2. Ferry's replay job (the state topics are created first: a one-off cost, not replay throughput).
    await replay('bench', { dlqTopic: 'orders.DLT', selection: selectionOf(0, 1), options: {} }, 'bench').then(
      async (r) => 'job' in r && (await replayJobSettled(r.job.id)),
    )
    const selection = selectionOf(1, records)
    t = performance.now()
    const started = await replay('bench', { dlqTopic: 'orders.DLT', selection, options: {} }, 'bench')
    if (!('job' in started)) throw new Error('expected a job')
    await replayJobSettled(started.job.id)
    const ferryMs = performance.now() - t
    // For a --cpu-prof run: the replay's window in process time (a profile's samples start near 0).
    if (process.env.BENCH_WINDOW)
      console.log(`replay window: ${(t / 1000).toFixed(2)}–${(performance.now() / 1000).toFixed(2)} s`)
    const job = await getReplayJob('bench', started.job.id)
    const counts = await countByDlqOffset('orders', partitions, job.id)
    const once = [...counts.values()].every((c) => c === 1)

    const rate = (n: number, elapsed: number) => (n * 1000) / elapsed
    const ratio = rate(job.done, ferryMs) / rate(copied, kcatMs)
    console.log(`\nCopying ${records.toLocaleString('en')} dead letters of ~1 KiB, ${partitions} partitions:`)
    console.log(
      `  kcat -C | kcat -P (acks=all)   ${ms(kcatMs).padStart(9)}  ${perSecond(rate(copied, kcatMs))}  (${copied} arrived)`,
    )
    console.log(
      `  Ferry replay job               ${ms(ferryMs).padStart(9)}  ${perSecond(rate(job.done, ferryMs))}  ${ratio.toFixed(2)}× kcat`,
    )
    console.log(
      `  job ${job.state}: done ${job.done}, refused ${job.refused}; arrived ${counts.size} distinct dead letters, each once: ${once}`,
    )
    const met = ratio >= 0.5 && counts.size === records - 1 && once
    console.log(`Target (≥ 0.5× kcat, every record exactly once): ${met ? 'MET' : 'NOT MET'}`)
  } finally {
    await closeAllClients()
    await kafka.stop()
  }
}

function selectionOf(from: number, to: number, partitions = 6) {
  const list = []
  for (let j = from; j < to; j++) list.push({ partition: j % partitions, offset: String(Math.floor(j / partitions)) })
  return { kind: 'records' as const, records: list }
}

async function endOffsets(topic: string, partitions: number): Promise<number> {
  const client = new ReplayClient('bench', 'bench-reader')
  const marks = await client.watermarks(
    topic,
    Array.from({ length: partitions }, (_, p) => p),
  )
  await client.close()
  return [...marks.values()].reduce((n, m) => n + Number(m.high - m.low), 0)
}

async function countByDlqOffset(topic: string, partitions: number, jobId: string): Promise<Map<string, number>> {
  const client = new ReplayClient('bench', 'bench-reader')
  const all = Array.from({ length: partitions }, (_, p) => p)
  const marks = await client.watermarks(topic, all)
  const counts = new Map<string, number>()
  await client.read(
    topic,
    all.map((p) => ({ partition: p, from: marks.get(p)!.low, until: marks.get(p)!.high })),
    (_p, batch, next) => {
      for (const { record } of batch) {
        let id: string | undefined
        let dp: string | undefined
        let dOffset: string | undefined
        for (const [hk, hv] of record.headers) {
          const key = hk?.toString()
          if (key === REPLAY_HEADERS.id) id = hv?.toString()
          else if (key === REPLAY_HEADERS.dlqPartition) dp = hv?.toString()
          else if (key === REPLAY_HEADERS.dlqOffset) dOffset = hv?.toString()
        }
        if (id !== jobId) continue
        const c = `${dp}:${dOffset}`
        counts.set(c, (counts.get(c) ?? 0) + 1)
      }
      return next
    },
  )
  await client.close()
  return counts
}

function payloadOf(i: number): string {
  const base = {
    orderId: `o-${i}`,
    customer: `c-${i % 977}`,
    amount: (i % 10_000) / 100,
    currency: 'EUR',
    lines: [] as unknown[],
  }
  let text = JSON.stringify(base)
  for (let l = 0; text.length < 1_000; l++) {
    base.lines.push({ sku: `sku-${(i + l) % 5000}`, qty: 1 + (l % 3), note: 'replay benchmark line item' })
    text = JSON.stringify(base)
  }
  return text
}

const ms = (n: number) => `${(n / 1000).toFixed(2)} s`
const perSecond = (n: number) => `${Math.round(n).toLocaleString('en').padStart(9)} msg/s`

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
