import { Admin as PltAdmin } from '@platformatic/kafka'
import type { Consumer, Producer } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { closeAllClients } from '@/lib/kafka/client'
import { getGroupDetail } from '@/lib/lag/get-group-detail'
import { collectLagMetrics } from '@/lib/metrics/collect-lag-metrics'
import { runKafkaTool } from '../../scripts/kafka/broker'
import { type JavaProcess, startConsoleConsumer, startConsoleShareConsumer } from '../../scripts/kafka/java-process'
import { until } from '../../test/consumer-group-cli'
import { createTopicsAndWait, testKafka, uniqueName, useTestCluster } from '../../test/test-cluster'
import { describeGroup } from './describe-group'
import { getGroupList } from './get-group-list'
import { listGroupsByType } from './list-groups'

// One group of every type Kafka has, started by real clients (kafkajs for classic, Kafka's own console consumers for
// KIP-848 and share groups), and every answer of Ferry compared with what Kafka's own CLI prints for the same group.

const GROUPS_COMMAND = 'org.apache.kafka.tools.GroupsCommand'
const CONSUMER_GROUP_COMMAND = 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand'
const SHARE_GROUP_COMMAND = 'org.apache.kafka.tools.consumer.group.ShareGroupCommand'
const RECORDS = 30

const modern = !inject('kafkaVersion').startsWith('3.')
const topic = uniqueName('groups-t')
const classic = uniqueName('g-classic')
const empty = uniqueName('g-empty')
const kip848 = uniqueName('g-kip848')
const share = uniqueName('g-share')

let producer: Producer
let consumer: Consumer
let plt: PltAdmin
const java: JavaProcess[] = []

const cli = (mainClass: string, args: string[]) =>
  runKafkaTool(inject('kafkaLibs'), mainClass, ['--bootstrap-server', inject('kafkaBootstrap'), ...args])

/** Rows of a CLI table whose first column is one of `groups`, split on whitespace. */
const rowsOf = (out: string, groups: string[]) =>
  out
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((cols) => groups.includes(cols[0] ?? ''))

/** `--describe --state`: GROUP COORDINATOR (ID) [ASSIGNMENT-STRATEGY] STATE #MEMBERS → state and member count. */
function cliStateOf(group: string, command = CONSUMER_GROUP_COMMAND): { state: string; members: number } {
  const row = rowsOf(cli(command, ['--describe', '--group', group, '--state']), [group])[0] ?? []
  return { state: row.at(-2) ?? '', members: Number(row.at(-1)) }
}

beforeAll(async () => {
  useTestCluster()
  const { bootstrap } = { bootstrap: inject('kafkaBootstrap') }
  await createTopicsAndWait(bootstrap.split(','), [{ topic, numPartitions: 3 }])
  const kafka = testKafka()
  // Idempotent: a retry while a new topic's leader settles must not write a record twice (exact lag is asserted).
  producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 })
  await producer.connect()
  await producer.send({
    topic,
    acks: -1,
    messages: Array.from({ length: RECORDS }, (_, i) => ({ partition: i % 3, value: `r${i}` })),
  })
  plt = new PltAdmin({ clientId: 'ferry-test', bootstrapBrokers: bootstrap.split(',') })
  // A group with commits and no members, as left behind by a consumer that is gone.
  await plt.alterConsumerGroupOffsets({
    groupId: empty,
    topics: [
      {
        name: topic,
        partitionOffsets: [
          { partition: 0, offset: 4n },
          { partition: 2, offset: 1n },
        ],
      },
    ],
  })
  consumer = kafka.consumer({ groupId: classic, sessionTimeout: 10_000 })
  await consumer.connect()
  await consumer.subscribe({ topic, fromBeginning: true })
  await consumer.run({ autoCommitInterval: 200, eachMessage: async () => {} })
  const libs = inject('kafkaLibs')
  if (modern) {
    java.push(startConsoleConsumer(libs, { bootstrap, topic, group: kip848, protocol: 'consumer' }))
    java.push(startConsoleShareConsumer(libs, { bootstrap, topic, group: share }))
  }
  // Everyone joined and the two consumer groups read everything: the numbers below stop moving.
  await until(
    'classic group consumed',
    () => cli(CONSUMER_GROUP_COMMAND, ['--describe', '--group', classic]),
    (out) => sumLag(out, classic) === 0,
  )
  if (modern) {
    await until(
      'KIP-848 group consumed',
      () => cli(CONSUMER_GROUP_COMMAND, ['--describe', '--group', kip848]),
      (out) => sumLag(out, kip848) === 0,
    )
    await until(
      'share group stable',
      () => cliStateOf(share, SHARE_GROUP_COMMAND),
      (s) => s.state === 'Stable',
    )
  }
}, 150_000)

afterAll(async () => {
  await Promise.allSettled([consumer?.disconnect(), producer?.disconnect(), plt?.close(), ...java.map((j) => j.stop())])
  await closeAllClients()
})

/** Σ LAG of a group's rows in `ConsumerGroupCommand --describe`; -1 while any partition has no commit yet. */
function sumLag(out: string, group: string): number {
  const rows = rowsOf(out, [group])
  if (rows.length < 3 || rows.some((r) => !/^\d+$/.test(r[5] ?? ''))) return -1
  return rows.reduce((n, r) => n + Number(r[5]), 0)
}

describe('group listing by type', () => {
  it('gives every group the type and protocol Kafka GroupsCommand prints', async () => {
    const ours = [classic, empty, ...(modern ? [kip848, share] : [])]
    const listing = await listGroupsByType('test')
    const byId = new Map(listing.groups.map((g) => [g.groupId, g]))
    if (modern) {
      // GROUP TYPE PROTOCOL
      const printed = rowsOf(cli(GROUPS_COMMAND, ['--list']), ours)
      expect(printed).toHaveLength(ours.length)
      for (const [group, type, protocol] of printed) {
        expect(byId.get(group as string)).toMatchObject({ type: type?.toLowerCase(), protocolType: protocol ?? '' })
      }
    } else {
      // Kafka 3.9 has no GroupsCommand (KIP-1043 came with 4.0): every group it lists is classic.
      expect(rowsOf(cli(CONSUMER_GROUP_COMMAND, ['--list']), ours)).toHaveLength(ours.length)
      for (const id of ours) expect(byId.get(id)?.type).toBe('classic')
    }
    if (modern) {
      expect(byId.get(kip848)?.type).toBe('consumer')
      expect(byId.get(share)?.type).toBe('share')
      expect(listing.supportedTypes).toEqual(expect.arrayContaining(['classic', 'consumer', 'share']))
    } else {
      // Kafka 3.9: the new types do not exist here; said in plain words, not an error.
      expect(listing.supportedTypes).toEqual(['classic'])
      expect(listing.notes.join(' ')).toMatch(/KIP-848|group\.version/)
      expect(listing.notes.join(' ')).toMatch(/share groups/)
    }
    expect(byId.get(classic)?.type).toBe('classic')
  })
})

/**
 * Ferry's and the CLI's (state, member count) of a group, read until they agree: a rebalance that starts between
 * the two reads is not a disagreement, a Ferry that misreports the group never agrees and fails after 30 s.
 */
async function agreedStateOf(group: string, command = CONSUMER_GROUP_COMMAND) {
  const [ours] = await until(
    `${group}: Ferry and ${command.split('.').pop()} agree`,
    async () => {
      const d = await describeGroup('test', group)
      return [{ state: d.state, members: d.members.length }, cliStateOf(group, command)] as const
    },
    ([a, b]) => a.state === b.state && a.members === b.members,
    30_000,
  )
  return ours
}

describe('describe each type through its own API', () => {
  it('classic groups: state and members as ConsumerGroupCommand --state prints', async () => {
    expect(await agreedStateOf(classic)).toEqual({ state: 'Stable', members: 1 })
    expect(await agreedStateOf(empty)).toEqual({ state: 'Empty', members: 0 })
    for (const group of [classic, empty]) {
      expect((await describeGroup('test', group)).describedWith).toMatch(/^DescribeGroups v\d/)
    }
  })

  it.runIf(modern)('a live KIP-848 group is Stable with its member, never Dead', async () => {
    const d = await describeGroup('test', kip848)
    expect(d.type).toBe('consumer')
    expect(d.state).toBe('Stable')
    expect(d.describedWith).toMatch(/^ConsumerGroupDescribe v\d/)
    expect(await agreedStateOf(kip848)).toEqual({ state: 'Stable', members: 1 })
    // GROUP CONSUMER-ID HOST CLIENT-ID #PARTITIONS CURRENT-EPOCH CURRENT-ASSIGNMENT TARGET-EPOCH TARGET-ASSIGNMENT
    const [row] = rowsOf(cli(CONSUMER_GROUP_COMMAND, ['--describe', '--group', kip848, '--members', '--verbose']), [
      kip848,
    ])
    const member = d.members[0]
    expect(member).toBeDefined()
    expect(member?.memberId).toBe(row?.[1])
    expect(member?.clientId).toBe(row?.[3])
    expect(member?.memberEpoch).toBe(Number(row?.[5]))
    const assigned = (member?.assignment ?? []).flatMap((a) => a.partitions.map((p) => `${a.topic}:${p}`)).sort()
    expect(assigned.join(',')).toBe(
      (row?.[6] ?? '')
        .split(',')
        .flatMap((tp) => {
          // The CLI writes "topic:0,1,2" per topic.
          const [t, ps] = tp.includes(':') ? tp.split(':') : [topic, tp]
          return (ps ?? '').split(',').map((p) => `${t}:${p}`)
        })
        .sort()
        .join(','),
    )
    expect(assigned).toHaveLength(3)
  })

  it.runIf(modern)('a share group is described with ShareGroupDescribe, as ShareGroupCommand prints', async () => {
    const d = await describeGroup('test', share)
    expect(d.type).toBe('share')
    expect(d.describedWith).toMatch(/^ShareGroupDescribe v\d/)
    expect(await agreedStateOf(share, SHARE_GROUP_COMMAND)).toEqual({ state: 'Stable', members: 1 })
    expect(d.members[0]?.clientId).toBe('console-share-consumer')
  })

  it('an unknown group is not found, not Dead', async () => {
    await expect(describeGroup('test', uniqueName('nobody'))).rejects.toMatchObject({ code: 'not_found' })
  })
})

describe('lag of every type with committed offsets', () => {
  it('committed offsets, log-end offsets and lag equal ConsumerGroupCommand --describe', async () => {
    const groups = [classic, empty, ...(modern ? [kip848] : [])]
    const out = cli(CONSUMER_GROUP_COMMAND, ['--describe', ...groups.flatMap((g) => ['--group', g])])
    // GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG …
    const printed = rowsOf(out, groups)
      .map(([g, t, p, current, end, lag]) => `${g} ${t}-${p} ${current} ${end} ${lag}`)
      .sort()
    const ours: string[] = []
    for (const group of groups) {
      const detail = await getGroupDetail('test', group)
      for (const p of detail.partitions) {
        if (p.committedOffset === null) continue // the CLI prints "-" rows only for members' uncommitted partitions
        ours.push(`${group} ${p.topic}-${p.partition} ${p.committedOffset} ${p.endOffset} ${p.lag}`)
      }
    }
    expect(ours.sort()).toEqual(printed)
    const lagging = await getGroupDetail('test', empty)
    expect(lagging.totalLag).toBe(String(10 - 4 + (10 - 1)))
    expect(lagging.partitions.map((p) => p.lag)).toEqual(['6', null, '9'])
  })

  it('the groups page rows carry type, state, members and lag', async () => {
    // Read at a moment the live groups are not rebalancing (the consumers stay, a rebalance passes).
    const list = await until(
      'live groups Stable in the list',
      () => getGroupList('test'),
      (l) => l.groups.filter((g) => [classic, kip848, share].includes(g.groupId)).every((g) => g.state === 'Stable'),
      30_000,
    )
    const row = (id: string) => list.groups.find((g) => g.groupId === id)
    expect(row(classic)).toMatchObject({ type: 'classic', state: 'Stable', members: 1, totalLag: '0', topics: [topic] })
    expect(row(empty)).toMatchObject({ type: 'classic', state: 'Empty', members: 0, totalLag: '15' })
    expect(row(empty)?.maxLagMs).toBeGreaterThanOrEqual(0)
    if (modern) {
      expect(row(kip848)).toMatchObject({ type: 'consumer', state: 'Stable', members: 1, totalLag: '0' })
      expect(row(share)).toMatchObject({ type: 'share', state: 'Stable', members: 1 })
    }
  })
})

describe('metrics export', () => {
  it('exports the same lag per partition in Prometheus text, with kafka-lag-exporter names', async () => {
    const text = await collectLagMetrics()
    const line = (name: string, group: string, partition: number) =>
      text
        .split('\n')
        .find((l) =>
          l.startsWith(`${name}{cluster_name="test",group="${group}",topic="${topic}",partition="${partition}"`),
        )
    expect(line('kafka_consumergroup_group_lag', empty, 0)).toMatch(/ 6$/)
    expect(line('kafka_consumergroup_group_lag', empty, 2)).toMatch(/ 9$/)
    expect(line('kafka_consumergroup_group_lag', empty, 1)).toBeUndefined() // nothing committed there
    expect(line('kafka_consumergroup_group_lag_seconds', empty, 0)).toMatch(/ \d+(\.\d+)?$/)
    expect(text).toContain(`kafka_consumergroup_group_sum_lag{cluster_name="test",group="${empty}"} 15`)
    expect(text).toContain(
      `ferry_consumergroup_members{cluster_name="test",group="${classic}",state="Stable",type="classic"} 1`,
    )
    // Empty group with lag and no members: STOPPED (4).
    expect(text).toContain(`ferry_consumergroup_status{cluster_name="test",group="${empty}"} 4`)
    expect(text).toContain('ferry_cluster_up{cluster_name="test"} 1')
  })
})
