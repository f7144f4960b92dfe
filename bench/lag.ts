import { parseArgs } from 'node:util'
import { Admin } from '@platformatic/kafka'
import { Kafka, logLevel } from 'kafkajs'
import { replaceConfig } from '@/lib/config'
import { FerryConfigSchema } from '@/lib/config/schema'
import { getGroupList } from '@/lib/groups/get-group-list'
import { listGroupsByType } from '@/lib/groups/list-groups'
import { closeAllClients } from '@/lib/kafka/client'
import { fetchCommittedOffsets } from '@/lib/lag/fetch-committed-offsets'
import { getLagSnapshot } from '@/lib/lag/get-lag-snapshot'
import { mapConcurrent } from '@/lib/lag/map-concurrent'
import { runKafkaTool, startKafka } from '../scripts/kafka/broker'

// bench/lag: consumer lag of many groups (default 500 groups, each committed on 5 of 50 topics × 4 partitions),
// measured in one run beside Kafka's own ConsumerGroupCommand (--describe --all-groups, JVM start included), plus the
// per-group OffsetFetch path that lib/lag/fetch-committed-offsets.ts batches away. Ferry's numbers are checked
// against the CLI's, partition by partition.
// Run: npm run bench:lag -- [--groups 500] [--topics 50] [--partitions 4] [--records 20] [--topics-per-group 5]
//      [--runs 5] [--cli-runs 3] (or BENCH_GROUPS, BENCH_TOPICS, … in the environment); BENCH_VERBOSE=1 prints every sample.
const CLI_CLASS = 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand'
const TOPIC_PREFIX = 'bench.lag-'
const GROUP_PREFIX = 'bench.group-'
const TARGET_RATIO = 10
const TARGET_MS = 1_000

async function main() {
  const { values } = parseArgs({
    options: {
      groups: { type: 'string', default: process.env.BENCH_GROUPS ?? '500' },
      topics: { type: 'string', default: process.env.BENCH_TOPICS ?? '50' },
      partitions: { type: 'string', default: process.env.BENCH_PARTITIONS ?? '4' },
      records: { type: 'string', default: process.env.BENCH_RECORDS ?? '20' },
      'topics-per-group': { type: 'string', default: process.env.BENCH_TOPICS_PER_GROUP ?? '5' },
      runs: { type: 'string', default: process.env.BENCH_RUNS ?? '5' },
      'cli-runs': { type: 'string', default: process.env.BENCH_CLI_RUNS ?? '3' },
    },
  })
  const groupCount = Number(values.groups)
  const topicCount = Number(values.topics)
  const partitions = Number(values.partitions)
  const records = Number(values.records)
  const topicsPerGroup = Math.min(Number(values['topics-per-group']), topicCount)
  const runs = Number(values.runs)
  const cliRuns = Number(values['cli-runs'])

  const topicNames = Array.from({ length: topicCount }, (_, i) => `${TOPIC_PREFIX}${String(i).padStart(5, '0')}`)
  const groupIds = Array.from({ length: groupCount }, (_, i) => `${GROUP_PREFIX}${String(i).padStart(5, '0')}`)
  // What each group commits: topicsPerGroup consecutive topics (wrapping), every partition, at varying offsets.
  const commits = groupIds.map((groupId, g) => ({
    groupId,
    topics: Array.from({ length: topicsPerGroup }, (_, k) => {
      const t = (g * topicsPerGroup + k) % topicCount
      return {
        name: topicNames[t] as string,
        partitionOffsets: Array.from({ length: partitions }, (_, p) => ({
          partition: p,
          offset: BigInt((g * 7 + t * 3 + p) % (records + 1)),
        })),
      }
    }),
  }))
  const committedPartitions = groupCount * topicsPerGroup * partitions
  const expectedLag = commits.reduce(
    (sum, c) =>
      sum + c.topics.reduce((s, t) => s + t.partitionOffsets.reduce((x, p) => x + BigInt(records) - p.offset, 0n), 0n),
    0n,
  )

  const kafka = await startKafka({ port: 0, heap: '1g' })
  const brokers = kafka.bootstrap.split(',')
  const client = new Kafka({ clientId: 'bench', brokers, logLevel: logLevel.NOTHING })
  const admin = client.admin()
  const pAdmin = new Admin({ clientId: 'bench', bootstrapBrokers: brokers })
  try {
    await admin.connect()
    let t = Date.now()
    for (let i = 0; i < topicCount; i += 500) {
      await admin.createTopics({
        topics: topicNames.slice(i, i + 500).map((topic) => ({ topic, numPartitions: partitions })),
        waitForLeaders: true,
      })
    }
    for (let seen = 0; seen < topicCount; ) {
      seen = (await admin.listTopics()).filter((n) => n.startsWith(TOPIC_PREFIX)).length
      if (seen < topicCount) await sleep(200)
    }
    console.log(`setup: created ${topicCount} topics × ${partitions} partitions in ${Date.now() - t} ms`)

    t = Date.now()
    // Idempotent: a retried batch (leaders of new topics still settling) must not write its records twice.
    const producer = client.producer({ allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1 })
    await producer.connect()
    const value = 'x'.repeat(100)
    for (let i = 0; i < topicCount; i += 100) {
      await producer.sendBatch({
        topicMessages: topicNames.slice(i, i + 100).map((topic) => ({
          topic,
          messages: Array.from({ length: partitions * records }, (_, j) => ({
            partition: j % partitions,
            value,
          })),
        })),
      })
    }
    await producer.disconnect()
    console.log(
      `setup: produced ${records} records to each of ${topicCount * partitions} partitions in ${Date.now() - t} ms`,
    )

    t = Date.now()
    await mapConcurrent(commits, 16, (c) => pAdmin.alterConsumerGroupOffsets(c))
    console.log(
      `setup: ${groupCount} groups committed ${committedPartitions} partition offsets in ${Date.now() - t} ms ` +
        `(expected total lag ${expectedLag})`,
    )

    // 1. Reference: Kafka's CLI, JVM start included.
    const cliArgs = ['--bootstrap-server', brokers[0] as string, '--describe', '--all-groups']
    let cliOut = ''
    const cli = median(
      await times(cliRuns, async () => {
        cliOut = runKafkaTool(kafka.libs, CLI_CLASS, cliArgs, 300_000)
      }),
    )
    const cliRows = parseCliRows(cliOut)
    const cliLag = [...cliRows.values()].reduce((s, r) => s + r, 0n)
    const cliList = median(
      await times(cliRuns, async () => {
        runKafkaTool(kafka.libs, CLI_CLASS, ['--bootstrap-server', brokers[0] as string, '--list'], 120_000)
      }),
    )

    // 2. Ferry, through the code the groups page runs, on warm pooled connections as a running console has them.
    replaceConfig({ source: 'bench', config: FerryConfigSchema.parse({ clusters: [{ id: 'bench', brokers }] }) })
    // Warm the pooled connections (and the JIT), as a running console has them.
    for (let i = 0; i < 3; i++) await getGroupList('bench')
    const ids = (await listGroupsByType('bench')).groups.map((g) => g.groupId)
    if (ids.length < groupCount) throw new Error(`Ferry listed only ${ids.length} of ${groupCount} groups`)
    const ferryList = median(await times(runs, async () => void (await listGroupsByType('bench'))))
    const ferrySnapshot = median(await times(runs, async () => void (await getLagSnapshot('bench', ids))))
    let snapshot = new Map<string, { partitions: { topic: string; partition: number; lag: string | null }[] }>()
    const ferryFull = median(
      await times(runs, async () => {
        const listed = (await listGroupsByType('bench')).groups.map((g) => g.groupId)
        snapshot = await getLagSnapshot('bench', listed)
      }),
    )
    let groupListLag = 0n
    const ferryGroupList = median(
      await times(runs, async () => {
        const list = await getGroupList('bench')
        groupListLag = list.groups.reduce((s, g) => s + BigInt(g.totalLag ?? '0'), 0n)
      }),
    )
    const ferryRows = new Map<string, bigint>()
    for (const [groupId, lag] of snapshot) {
      for (const p of lag.partitions) ferryRows.set(rowKey(groupId, p.topic, p.partition), BigInt(p.lag ?? '0'))
    }
    const ferryLag = [...ferryRows.values()].reduce((s, r) => s + r, 0n)
    const mismatches = [...new Set([...cliRows.keys(), ...ferryRows.keys()])].filter(
      (k) => cliRows.get(k) !== ferryRows.get(k),
    )

    // 3. Batching gain: the same committed-offset reads, one OffsetFetch per group vs Ferry's batched OffsetFetch.
    await pAdmin.listConsumerGroupOffsets({ groups: [ids[0] as string] })
    let perGroupCount = 0
    const perGroup = median(
      await times(runs, async () => {
        const answers = await mapConcurrent(ids, 8, (id) => pAdmin.listConsumerGroupOffsets({ groups: [id] }))
        perGroupCount = answers.flat().reduce((s, g) => s + g.topics.reduce((x, tp) => x + tp.partitions.length, 0), 0)
      }),
    )
    await admin.fetchOffsets({ groupId: ids[0] as string })
    const kafkajsPerGroup = median(
      await times(Math.min(runs, 3), async () => {
        await mapConcurrent(ids, 8, (groupId) => admin.fetchOffsets({ groupId }))
      }),
    )
    let batchedCount = 0
    const batched = median(
      await times(runs, async () => {
        const offsets = await fetchCommittedOffsets('bench', ids)
        batchedCount = [...offsets.values()].reduce((s, l) => s + l.length, 0)
      }),
    )

    const s = (ms: number) => `${(ms / 1000).toFixed(3)} s`.padStart(9)
    const r = (ref: number, ms: number) => `${(ref / ms).toFixed(1)}×`.padStart(7)
    console.log(
      `\nConsumer lag, ${groupCount} groups × ${topicsPerGroup} topics × ${partitions} partitions = ` +
        `${committedPartitions} committed partitions on ${topicCount} topics (median of ${runs}; CLI ${cliRuns}):`,
    )
    console.log(`                                                              time   CLI/this`)
    console.log(`  Kafka CLI --describe --all-groups (JVM start included)   ${s(cli)}`)
    console.log(`  Kafka CLI --list (≈ JVM start + ListGroups)               ${s(cliList)}`)
    console.log(`  Ferry listGroupsByType                                    ${s(ferryList)}`)
    console.log(
      `  Ferry getLagSnapshot(all ids)                             ${s(ferrySnapshot)} ${r(cli, ferrySnapshot)}`,
    )
    console.log(`  Ferry full snapshot (listGroupsByType + getLagSnapshot)   ${s(ferryFull)} ${r(cli, ferryFull)}`)
    console.log(
      `  Ferry getGroupList (list + describe + lag + lag in time)  ${s(ferryGroupList)} ${r(cli, ferryGroupList)}`,
    )
    console.log(`\nCommitted offsets of ${ids.length} groups:                             time   per-group/batched`)
    console.log(`  @platformatic/kafka OffsetFetch per group (8 in flight)   ${s(perGroup)} ${r(perGroup, batched)}`)
    console.log(
      `  kafkajs fetchOffsets per group (8 in flight)              ${s(kafkajsPerGroup)} ${r(kafkajsPerGroup, batched)}`,
    )
    console.log(`  Ferry fetchCommittedOffsets (batched OffsetFetch v8+)     ${s(batched)}`)
    console.log(`  partitions read: per group ${perGroupCount}, batched ${batchedCount}`)
    console.log(
      `\nCheck: total lag expected ${expectedLag}, CLI ${cliLag}, Ferry snapshot ${ferryLag}, getGroupList ${groupListLag}`,
    )
    console.log(
      `  CLI rows ${cliRows.size} (expected ${committedPartitions}), Ferry rows ${ferryRows.size}, ` +
        `partitions whose lag differs: ${mismatches.length}${
          mismatches.length
            ? ` (e.g. ${mismatches
                .slice(0, 3)
                .map((k) => k.replaceAll('\u0000', '/'))
                .join(', ')})`
            : ''
        }`,
    )
    const same =
      cliLag === expectedLag && cliLag === ferryLag && mismatches.length === 0 && cliRows.size === committedPartitions
    const met = same && cli / ferryFull >= TARGET_RATIO && ferryFull < TARGET_MS
    console.log(
      `Target (Ferry ≥ ${TARGET_RATIO}× faster than the CLI and under ${TARGET_MS / 1000} s for the full snapshot, ` +
        `same numbers): ${met ? 'MET' : 'NOT MET'} (${(cli / ferryFull).toFixed(1)}×, ${s(ferryFull).trim()}, ` +
        `${same ? 'numbers equal' : 'numbers DIFFER'})`,
    )
    if (!same) process.exitCode = 1
  } finally {
    await Promise.allSettled([admin.disconnect(), pAdmin.close(), closeAllClients()])
    await kafka.stop()
  }
}

function rowKey(groupId: string, topic: string, partition: number): string {
  return `${groupId}\u0000${topic}\u0000${partition}`
}

/** Lag per group/topic/partition from the CLI's table rows (GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG …). */
function parseCliRows(out: string): Map<string, bigint> {
  const rows = new Map<string, bigint>()
  for (const line of out.split('\n')) {
    const [group, topic, partition, , , lag] = line.trim().split(/\s+/)
    if (!group?.startsWith(GROUP_PREFIX) || !topic || !partition || !/^\d+$/.test(partition)) continue
    rows.set(rowKey(group, topic, Number(partition)), /^\d+$/.test(lag ?? '') ? BigInt(lag as string) : 0n)
  }
  return rows
}

async function times(n: number, fn: () => Promise<void>): Promise<number[]> {
  const out: number[] = []
  for (let i = 0; i < n; i++) {
    const t = performance.now()
    await fn()
    out.push(performance.now() - t)
  }
  if (process.env.BENCH_VERBOSE) console.log(`  samples: ${out.map((x) => x.toFixed(0)).join(' ')} ms`)
  return out
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] ?? 0
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms))
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
