import { Admin as PltAdmin } from '@platformatic/kafka'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listAuditEntries } from '@/lib/audit/list-audit-entries'
import { closeAllClients } from '@/lib/kafka/client'
import { committedOf, groupCli, newOffsetsOf } from '../../../test/consumer-group-cli'
import { createTopicsAndWait, testKafka, uniqueName, useTestCluster } from '../../../test/test-cluster'
import { executeOffsetReset } from './execute-offset-reset'
import { planOffsetReset } from './plan-offset-reset'
import type { ResetMode, ResetOffsetsPreview, ResetScope } from './types'

// Every reset mode, planned by Ferry and by Kafka's ConsumerGroupCommand (--dry-run) on groups in the same state:
// the targets must be the ones the tool prints. Then Ferry executes and the tool's --describe must show them.

const topic = uniqueName('reset-t')
const PER_PARTITION = 10
// Recent timestamps: records dated long ago would be deleted by retention while the test runs.
const BASE = Date.now() - 10 * 60_000
/** Record i goes to partition i % 3 with timestamp BASE + i s, so partition p holds i = p, p + 3, p + 6 … */
const RECORDS = Array.from({ length: 3 * PER_PARTITION }, (_, i) => ({
  partition: i % 3,
  value: `r${i}`,
  timestamp: String(BASE + i * 1_000),
}))
// The starting point of every group: p0 at 4, p1 at 2, nothing on p2. Partition 0's log starts at 2 (records deleted).
const START = [
  { partition: 0, offset: 4n },
  { partition: 1, offset: 2n },
]
const LOW_P0 = 2n

type Case = { name: string; mode: ResetMode; cli: string[]; partitions?: number[] }
const at = (ms: number) => new Date(ms).toISOString()
const CASES: Case[] = [
  { name: 'earliest', mode: { kind: 'earliest' }, cli: ['--to-earliest'] },
  { name: 'latest', mode: { kind: 'latest' }, cli: ['--to-latest'] },
  {
    name: 'timestamp inside the log',
    mode: { kind: 'timestamp', timestamp: at(BASE + 10_500) },
    cli: ['--to-datetime', at(BASE + 10_500)],
  },
  {
    name: 'timestamp as epoch ms before every record',
    mode: { kind: 'timestamp', timestamp: BASE - 60_000 },
    cli: ['--to-datetime', at(BASE - 60_000)],
  },
  {
    name: 'timestamp beyond the end',
    mode: { kind: 'timestamp', timestamp: at(Date.now() + 3_600_000) },
    cli: ['--to-datetime', at(Date.now() + 3_600_000)],
  },
  { name: 'offset inside', mode: { kind: 'offset', offset: '5' }, cli: ['--to-offset', '5'] },
  { name: 'offset past the end', mode: { kind: 'offset', offset: '50' }, cli: ['--to-offset', '50'] },
  { name: 'offset below the log start', mode: { kind: 'offset', offset: '1' }, cli: ['--to-offset', '1'] },
  {
    name: 'shift back below the start',
    mode: { kind: 'shift', by: '-3' },
    cli: ['--shift-by', '-3'],
    partitions: [0, 1],
  },
  {
    name: 'shift forward past the end',
    mode: { kind: 'shift', by: '7' },
    cli: ['--shift-by', '7'],
    partitions: [0, 1],
  },
]

const groups = new Map(CASES.map((c) => [c.name, uniqueName('reset-g')]))
const previews = new Map<string, ResetOffsetsPreview>()
const cliTargets = new Map<string, Record<string, string>>()
let plt: PltAdmin

const scopeOf = (c: Case): ResetScope => ({ topics: [{ topic, partitions: c.partitions }] })
const cliScope = (c: Case) => ['--topic', c.partitions ? `${topic}:${c.partitions.join(',')}` : topic]
const targetsOf = (p: ResetOffsetsPreview) =>
  Object.fromEntries(p.rows.map((r) => [`${r.topic}-${r.partition}`, r.targetOffset]))

beforeAll(async () => {
  const { bootstrap } = useTestCluster()
  await createTopicsAndWait(bootstrap.split(','), [{ topic, numPartitions: 3 }])
  // Idempotent: a plain kafkajs producer sometimes writes a batch twice on a fresh broker, doubling the log.
  const producer = testKafka().producer({ idempotent: true, maxInFlightRequests: 1 })
  await producer.connect()
  await producer.send({ topic, acks: -1, messages: RECORDS })
  await producer.disconnect()
  plt = new PltAdmin({ clientId: 'ferry-test', bootstrapBrokers: bootstrap.split(',') })
  await plt.deleteRecords({ topics: [{ name: topic, partitions: [{ partition: 0, offset: LOW_P0 }] }] })
  for (const group of groups.values()) {
    await plt.alterConsumerGroupOffsets({ groupId: group, topics: [{ name: topic, partitionOffsets: START }] })
  }
  // Both sides plan on the same, untouched groups; the tool's JVMs run side by side.
  const planned = await Promise.all(
    CASES.map(async (c) => {
      const group = groups.get(c.name) as string
      const [preview, out] = await Promise.all([
        planOffsetReset('test', group, { scope: scopeOf(c), mode: c.mode }),
        groupCli(['--reset-offsets', '--group', group, ...cliScope(c), ...c.cli, '--dry-run']),
      ])
      return { c, preview, out }
    }),
  )
  for (const { c, preview, out } of planned) {
    previews.set(c.name, preview)
    cliTargets.set(c.name, newOffsetsOf(out, groups.get(c.name) as string))
  }
}, 120_000)

afterAll(async () => {
  await plt?.close()
  await closeAllClients()
})

describe('the preview matches ConsumerGroupCommand --dry-run', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const preview = previews.get(c.name) as ResetOffsetsPreview
    const expected = cliTargets.get(c.name) ?? {}
    expect(Object.keys(expected).length).toBe(c.partitions?.length ?? 3)
    expect(targetsOf(preview)).toEqual(expected)
    expect(preview.blockedReason).toBeNull()
    expect(preview.group).toMatchObject({ exists: true, state: 'Empty', members: 0 })
  })

  it('carries before/after offsets and lag, the bounds and the clamped flag', () => {
    const earliest = previews.get('earliest') as ResetOffsetsPreview
    expect(earliest.rows).toEqual([
      {
        topic,
        partition: 0,
        currentOffset: '4',
        targetOffset: '2',
        currentLag: '6',
        lagAfter: '8',
        low: '2',
        high: '10',
        clamped: false,
      },
      {
        topic,
        partition: 1,
        currentOffset: '2',
        targetOffset: '0',
        currentLag: '8',
        lagAfter: '10',
        low: '0',
        high: '10',
        clamped: false,
      },
      {
        topic,
        partition: 2,
        currentOffset: null,
        targetOffset: '0',
        currentLag: null,
        lagAfter: '10',
        low: '0',
        high: '10',
        clamped: false,
      },
    ])
    expect(earliest.totals).toEqual({ lagBefore: '14', lagAfter: '28' })
    const clampedOf = (name: string) => (previews.get(name) as ResetOffsetsPreview).rows.map((r) => r.clamped)
    expect(clampedOf('offset past the end')).toEqual([true, true, true])
    expect(clampedOf('offset below the log start')).toEqual([true, false, false])
    expect(clampedOf('shift back below the start')).toEqual([true, true])
    expect(clampedOf('shift forward past the end')).toEqual([true, false])
    expect(clampedOf('timestamp beyond the end')).toEqual([true, true, true])
    expect(clampedOf('timestamp inside the log')).toEqual([false, false, false])
  })

  it('shift leaves a partition without a commit alone, where the tool refuses the whole reset', async () => {
    const group = groups.get('earliest') as string
    const [preview, out] = await Promise.all([
      planOffsetReset('test', group, { scope: { topics: [{ topic }] }, mode: { kind: 'shift', by: '1' } }),
      groupCli(['--reset-offsets', '--group', group, '--topic', topic, '--shift-by', '1', '--dry-run']),
    ])
    expect(out).toMatch(/Cannot shift offset for partition .*-2 since there is no current committed offset/)
    expect(preview.rows.map((r) => [r.partition, r.targetOffset])).toEqual([
      [0, '5'],
      [1, '3'],
    ])
    expect(preview.skipped).toEqual([{ topic, partition: 2, reason: 'no committed offset to shift from' }])
  })

  it('allCommittedTopics covers the committed partitions only, as --all-topics', async () => {
    const group = groups.get('latest') as string
    const [preview, out] = await Promise.all([
      planOffsetReset('test', group, { scope: { allCommittedTopics: true }, mode: { kind: 'earliest' } }),
      groupCli(['--reset-offsets', '--group', group, '--all-topics', '--to-earliest', '--dry-run']),
    ])
    expect(targetsOf(preview)).toEqual(newOffsetsOf(out, group))
    expect(preview.rows.map((r) => r.partition)).toEqual([0, 1])
  })

  it('refuses unknown topics and partitions in words', async () => {
    const group = groups.get('latest') as string
    await expect(
      planOffsetReset('test', group, { scope: { topics: [{ topic, partitions: [9] }] }, mode: { kind: 'latest' } }),
    ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('has no partition 9') })
    await expect(
      planOffsetReset('test', group, { scope: { topics: [{ topic: `${topic}-nope` }] }, mode: { kind: 'latest' } }),
    ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('does not exist') })
  })
})

describe('execute commits the planned offsets', () => {
  it('every mode: --describe shows the targets, and the audit trail has each reset', async () => {
    const results = []
    for (const c of CASES) {
      const group = groups.get(c.name) as string
      results.push(await executeOffsetReset('test', group, { scope: scopeOf(c), mode: c.mode }, 'tester'))
    }
    for (const r of results) expect(r.audit).toEqual({ recorded: true })
    const out = await groupCli(['--describe', ...[...groups.values()].flatMap((g) => ['--group', g])])
    for (const c of CASES) {
      const group = groups.get(c.name) as string
      const committed = committedOf(out, group)
      const expected = cliTargets.get(c.name) ?? {}
      for (const [tp, offset] of Object.entries(expected)) expect(committed[tp], `${c.name} ${tp}`).toBe(offset)
      // Partitions out of scope keep their offsets.
      if (c.partitions) expect(committed[`${topic}-2`] ?? '-').toBe('-')
    }
    const entries = await listAuditEntries('test', { limit: 200 })
    for (const c of CASES) {
      const group = groups.get(c.name) as string
      const entry = entries.find((e) => e.target.group === group && e.action === 'group.reset-offsets')
      expect(entry, c.name).toMatchObject({
        actor: 'tester',
        clusterId: 'test',
        result: 'ok',
        params: { mode: c.mode, scope: JSON.parse(JSON.stringify(scopeOf(c))) },
      })
      const expected = cliTargets.get(c.name) ?? {}
      const rows = (
        (entry?.params ?? {}) as {
          partitions: { topic: string; partition: number; before: string | null; after: string }[]
        }
      ).partitions
      expect(Object.fromEntries(rows.map((r) => [`${r.topic}-${r.partition}`, r.after]))).toEqual(expected)
      expect(rows.find((r) => r.partition === 0)?.before).toBe('4')
      expect(entry?.summary).toMatch(new RegExp(`^Reset offsets of group "${group}"`))
    }
  })

  it('a group that does not exist yet gets its offsets, as the tool allows', async () => {
    const group = uniqueName('reset-new')
    const preview = await planOffsetReset('test', group, { scope: { topics: [{ topic }] }, mode: { kind: 'latest' } })
    expect(preview.group).toEqual({ exists: false, type: null, state: 'Dead', members: 0 })
    expect(preview.blockedReason).toBeNull()
    await executeOffsetReset('test', group, { scope: { topics: [{ topic }] }, mode: { kind: 'latest' } }, 'tester')
    const committed = committedOf(await groupCli(['--describe', '--group', group]), group)
    expect(committed).toEqual({ [`${topic}-0`]: '10', [`${topic}-1`]: '10', [`${topic}-2`]: '10' })
    await expect(
      planOffsetReset('test', uniqueName('nobody'), { scope: { allCommittedTopics: true }, mode: { kind: 'latest' } }),
    ).rejects.toMatchObject({ code: 'not_found' })
  })
})
