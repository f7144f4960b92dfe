import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { describeQuorumV2 } from '@platformatic/kafka'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { LOCAL_SASL_USER, type LocalKafka, runKafkaTool, startKafka } from '../../scripts/kafka/broker'
import { useClusters } from '../../test/test-cluster'
import { closeQuorumConnections, describeMetadataQuorum, type MetadataQuorum, parseQuorum } from './describe-quorum'

type CliStatus = { leaderId: number; leaderEpoch: number; highWatermark: bigint; voters: number[]; observers: number[] }
type CliReplica = { nodeId: number; logEndOffset: bigint; lag: bigint; status: string }

const QUORUM_TOOL = 'org.apache.kafka.tools.MetadataQuorumCommand'
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const idsOf = (replicas: { replicaId: number }[]) => replicas.map((r) => r.replicaId).sort()

/** `kafka-metadata-quorum describe --status`, parsed. */
function cliStatus(libs: string, bootstrap: string, commandConfig?: string): CliStatus {
  const config = commandConfig ? ['--command-config', commandConfig] : []
  const out = runKafkaTool(libs, QUORUM_TOOL, ['--bootstrap-server', bootstrap, ...config, 'describe', '--status'])
  const field = (name: string) => {
    const value = new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(out)?.[1]?.trim()
    if (value === undefined) throw new Error(`No ${name} in kafka-metadata-quorum output:\n${out}`)
    return value
  }
  // 3.9+ prints [{"id": 1, "directoryId": …}], older releases [1, 2, 3].
  const ids = (list: string) =>
    [...list.matchAll(list.includes('"id"') ? /"id": (\d+)/g : /(\d+)/g)].map((m) => Number(m[1])).sort()
  return {
    leaderId: Number(field('LeaderId')),
    leaderEpoch: Number(field('LeaderEpoch')),
    highWatermark: BigInt(field('HighWatermark')),
    voters: ids(field('CurrentVoters')),
    observers: ids(field('CurrentObservers')),
  }
}

/** `kafka-metadata-quorum describe --replication`, one row per replica. */
function cliReplication(libs: string, bootstrap: string): CliReplica[] {
  const out = runKafkaTool(libs, QUORUM_TOOL, ['--bootstrap-server', bootstrap, 'describe', '--replication'])
  const [header = [], ...rows] = out
    .trim()
    .split('\n')
    .map((line) => line.split('\t').map((cell) => cell.trim()))
  const cell = (row: string[], name: string) => row[header.indexOf(name)] ?? ''
  return rows.map((row) => ({
    nodeId: Number(cell(row, 'NodeId')),
    logEndOffset: BigInt(cell(row, 'LogEndOffset')),
    lag: BigInt(cell(row, 'Lag')),
    status: cell(row, 'Status'),
  }))
}

/** Retries `op` until it resolves to a value `done` accepts (elections and fresh clusters take a moment). */
async function eventually<T>(op: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  while (Date.now() < deadline) {
    try {
      const value = await op()
      if (done(value)) return value
      last = value
    } catch (err) {
      last = err
    }
    await sleep(100)
  }
  throw new Error(`Gave up after ${timeoutMs} ms; last result: ${last instanceof Error ? last.message : last}`)
}

/** Ferry, then the CLI, then Ferry again: leader and voters must agree, the CLI's high watermark lie in between. */
async function expectAgreement(clusterId: string, cli: () => CliStatus): Promise<MetadataQuorum> {
  const before = await describeMetadataQuorum(clusterId)
  const status = cli()
  const after = await describeMetadataQuorum(clusterId)
  console.log(
    `[quorum] ${clusterId}: Ferry leader ${before.leaderId} epoch ${before.leaderEpoch} HW ${before.highWatermark}` +
      ` → CLI leader ${status.leaderId} epoch ${status.leaderEpoch} HW ${status.highWatermark}` +
      ` → Ferry HW ${after.highWatermark}`,
  )
  for (const q of [before, after]) {
    expect(q.leaderId).toBe(status.leaderId)
    expect(q.leaderEpoch).toBe(status.leaderEpoch)
    expect(idsOf(q.voters)).toEqual(status.voters)
    expect(idsOf(q.observers)).toEqual(status.observers)
  }
  // The high watermark only grows while the leader stays, so the CLI's reading is bracketed by Ferry's two.
  expect(BigInt(before.highWatermark)).toBeLessThanOrEqual(status.highWatermark)
  expect(status.highWatermark).toBeLessThanOrEqual(BigInt(after.highWatermark))
  return after
}

describe('describeMetadataQuorum against the shared broker', () => {
  let tmp: string
  beforeAll(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'ferry-quorum-'))
    const sasl = inject('kafkaSaslBootstrap').split(',')
    const { username, password } = LOCAL_SASL_USER
    useClusters([
      { id: 'test', brokers: inject('kafkaBootstrap').split(',') },
      { id: 'scram512', brokers: sasl, sasl: { mechanism: 'scram-sha-512', username, password } },
      { id: 'plain', brokers: sasl, sasl: { mechanism: 'plain', username, password } },
      { id: 'wrong', brokers: sasl, sasl: { mechanism: 'scram-sha-512', username, password: 'not-the-password' } },
      { id: 'down', brokers: ['127.0.0.1:1'], connectionTimeoutMs: 500 },
    ])
  })
  afterAll(async () => {
    await closeQuorumConnections()
    rmSync(tmp, { recursive: true, force: true })
  })

  it('reports the leader, epoch, voters and high watermark that kafka-metadata-quorum --status prints', async () => {
    const libs = inject('kafkaLibs')
    const q = await expectAgreement('test', () => cliStatus(libs, inject('kafkaBootstrap')))
    expect(q.leaderId).toBe(1)
    expect(q.voters).toEqual([expect.objectContaining({ replicaId: 1, lag: '0' })])
    expect(BigInt(q.voters[0]?.logEndOffset ?? -1)).toBeGreaterThanOrEqual(BigInt(q.highWatermark))
    expect(q.voters[0]?.lastFetchTimestamp).toBeGreaterThan(Date.now() - 60_000)
  })

  it('lists the same replicas, log end offsets and lag as kafka-metadata-quorum --replication', async () => {
    const before = await describeMetadataQuorum('test')
    const rows = cliReplication(inject('kafkaLibs'), inject('kafkaBootstrap'))
    const after = await describeMetadataQuorum('test')
    expect(rows.map((r) => [r.nodeId, r.status])).toEqual([[before.leaderId, 'Leader']])
    const row = rows[0]!
    expect(row.lag).toBe(0n)
    expect(BigInt(before.voters[0]!.logEndOffset)).toBeLessThanOrEqual(row.logEndOffset)
    expect(row.logEndOffset).toBeLessThanOrEqual(BigInt(after.voters[0]!.logEndOffset))
  })

  it('agrees with the CLI over SASL_PLAINTEXT (SCRAM-SHA-512), and authenticates with PLAIN too', async () => {
    const { username, password } = LOCAL_SASL_USER
    const commandConfig = path.join(tmp, 'scram512.properties')
    writeFileSync(
      commandConfig,
      [
        'security.protocol=SASL_PLAINTEXT',
        'sasl.mechanism=SCRAM-SHA-512',
        // A trailing backslash continues a .properties line.
        'sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required \\',
        `  username="${username}" password="${password}";`,
        '',
      ].join('\n'),
    )
    const libs = inject('kafkaLibs')
    await expectAgreement('scram512', () => cliStatus(libs, inject('kafkaSaslBootstrap'), commandConfig))
    expect((await describeMetadataQuorum('plain')).leaderId).toBe(1)
  })

  it('keeps one connection per cluster and answers repeated calls with the same leader', async () => {
    const leaders = []
    for (let i = 0; i < 5; i++) leaders.push((await describeMetadataQuorum('test')).leaderId)
    expect(leaders).toEqual([1, 1, 1, 1, 1])
  })

  it('reports rejected SASL credentials without echoing the password', async () => {
    const err = await describeMetadataQuorum('wrong').catch((e) => e)
    expect(err).toMatchObject({ code: 'broker_unavailable', message: expect.stringMatching(/SASL/) })
    expect(err.message).not.toContain('not-the-password')
  })

  it('fails fast with broker_unavailable naming the address when no broker answers', async () => {
    const t0 = Date.now()
    const err = await describeMetadataQuorum('down').catch((e) => e)
    expect(err).toMatchObject({ code: 'broker_unavailable', message: expect.stringContaining('127.0.0.1:1') })
    expect(Date.now() - t0).toBeLessThan(5_000)
  })

  it('rejects an unknown cluster id with not_found', async () => {
    await expect(describeMetadataQuorum('nope')).rejects.toMatchObject({ code: 'not_found' })
  })
})

describe('parseQuorum', () => {
  const replica = (replicaId: number, logEndOffset: bigint, fetched = -1n) => ({
    replicaId,
    replicaDirectoryId: '00000000-0000-0000-0000-000000000000',
    logEndOffset,
    lastFetchTimestamp: fetched,
    lastCaughtUpTimestamp: fetched,
  })
  const response = (partition: Partial<describeQuorumV2.DescribeQuorumResponsePartition>) => ({
    errorCode: 0,
    errorMessage: null,
    nodes: [],
    topics: [
      {
        topicName: '__cluster_metadata',
        partitions: [
          {
            partitionIndex: 0,
            errorCode: 0,
            errorMessage: null,
            leaderId: 2,
            leaderEpoch: 7,
            highWatermark: 9_007_199_254_740_993n,
            currentVoters: [],
            observers: [],
            ...partition,
          },
        ],
      },
    ],
  })

  it('measures lag from the leader log end offset like the CLI, keeps int64 exact and maps -1 to null', () => {
    const q = parseQuorum(
      response({
        currentVoters: [
          replica(1, 9_007_199_254_740_990n, 1_700_000_000_000n),
          replica(2, 9_007_199_254_740_995n, 1_700_000_000_500n),
        ],
        // An observer's stale offset past the leader's never yields a negative lag.
        observers: [replica(4, 9_007_199_254_740_999n)],
      }),
    )
    expect(q).toEqual({
      leaderId: 2,
      leaderEpoch: 7,
      highWatermark: '9007199254740993',
      voters: [
        {
          replicaId: 1,
          logEndOffset: '9007199254740990',
          lag: '5',
          lastFetchTimestamp: 1_700_000_000_000,
          lastCaughtUpTimestamp: 1_700_000_000_000,
        },
        {
          replicaId: 2,
          logEndOffset: '9007199254740995',
          lag: '0',
          lastFetchTimestamp: 1_700_000_000_500,
          lastCaughtUpTimestamp: 1_700_000_000_500,
        },
      ],
      observers: [
        {
          replicaId: 4,
          logEndOffset: '9007199254740999',
          lag: '0',
          lastFetchTimestamp: null,
          lastCaughtUpTimestamp: null,
        },
      ],
    })
  })

  it('refuses a response without a leader or without __cluster_metadata-0', () => {
    expect(() => parseQuorum(response({ leaderId: -1 }))).toThrow(/no leader/)
    expect(() => parseQuorum({ errorCode: 0, errorMessage: null, nodes: [], topics: [] })).toThrow(/__cluster_metadata/)
  })
})

// KRaft with three combined broker+controller nodes: kill the quorum leader and a new one must be elected and shown.
describe('describeMetadataQuorum across a leader election (3 brokers)', () => {
  let kafka: LocalKafka
  beforeAll(async () => {
    kafka = await startKafka({ port: 0, brokers: 3, heap: '384m', version: process.env.FERRY_KAFKA_VERSION })
    useClusters([
      { id: 'trio', brokers: kafka.bootstrap.split(','), connectionTimeoutMs: 1_000, requestTimeoutMs: 5_000 },
    ])
  })
  afterAll(async () => {
    await closeQuorumConnections()
    await kafka?.stop()
  })

  it('shows a stable leader that matches the CLI, then the newly elected one once the leader stops', async () => {
    const first = await eventually(
      () => describeMetadataQuorum('trio'),
      () => true,
      30_000,
    )
    const leaders = [first.leaderId]
    for (let i = 0; i < 4; i++) leaders.push((await describeMetadataQuorum('trio')).leaderId)
    expect(leaders).toEqual(Array(5).fill(first.leaderId))
    expect(idsOf(first.voters)).toEqual([1, 2, 3])
    await expectAgreement('trio', () => cliStatus(kafka.libs, kafka.bootstrap))

    const old = first.leaderId
    const t0 = Date.now()
    let exitedMs = -1
    const stopping = kafka.stopNode(old).then(() => {
      exitedMs = Date.now() - t0
    })
    const next = await eventually(
      () => describeMetadataQuorum('trio'),
      (q) => q.leaderId !== old,
      60_000,
    )
    const electedMs = Date.now() - t0
    await stopping
    console.log(
      `[quorum] leader ${old} (epoch ${first.leaderEpoch}) sent SIGTERM; node ${next.leaderId} ` +
        `(epoch ${next.leaderEpoch}) seen as leader after ${electedMs} ms; old leader exited after ${exitedMs} ms`,
    )
    expect(idsOf(next.voters)).toEqual([1, 2, 3])
    expect(next.leaderId).not.toBe(old)
    expect(next.leaderEpoch).toBeGreaterThan(first.leaderEpoch)

    const survivor = kafka.nodes.find((n) => n.nodeId !== old)!
    const status = cliStatus(kafka.libs, `127.0.0.1:${survivor.port}`)
    expect(status.leaderId).toBe(next.leaderId)
    expect(status.leaderEpoch).toBe(next.leaderEpoch)
    expect(status.voters).toEqual([1, 2, 3])
  }, 150_000)
})
