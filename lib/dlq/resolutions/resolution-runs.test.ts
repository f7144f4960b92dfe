import { describe, expect, it } from 'vitest'
import {
  forEachRunEntry,
  MAX_RUN_ENTRIES,
  parseRunValue,
  ResolutionRunBuilder,
  type RunEntry,
  type RunValue,
  runKeyOf,
  runOfKey,
} from './resolution-runs'

const common = {
  clusterId: 'local',
  status: 'replayed' as const,
  at: '2026-11-26T10:00:00.000Z',
  by: 'otto',
  jobId: 'j1',
}

function entriesOf(run: RunValue): RunEntry[] {
  const out: RunEntry[] = []
  forEachRunEntry(run, (e) => out.push(e))
  return out
}

/** As the reader gets it: through JSON and the checks. */
function roundTrip(run: RunValue): RunValue {
  const parsed = parseRunValue(JSON.parse(JSON.stringify(run)), { dlqTopic: run.dlqTopic, partition: run.partition })
  if (!parsed) throw new Error('run did not parse')
  return parsed
}

describe('resolution runs', () => {
  it('compresses consecutive offsets and copies, and reads back every dead letter exactly', () => {
    const b = new ResolutionRunBuilder('orders.DLT', common)
    // DLQ partition 0: offsets 10..12 then 20; copies to orders/1 at 100..102, then orders/2 at 7.
    b.add(0, '10', 1, { topic: 'orders', partition: 1, offset: 100n })
    b.add(1, '5', 2, { topic: 'orders', partition: 0, offset: 50n })
    b.add(0, '11', 1, { topic: 'orders', partition: 1, offset: 101n })
    b.add(0, '12', 1, { topic: 'orders', partition: 1, offset: 102n })
    b.add(0, '20', 1, { topic: 'orders', partition: 2, offset: 7n })
    const runs = b.finish().map(roundTrip)
    const p0 = runs.find((r) => r.partition === 0)!
    expect(p0.offsets).toEqual([
      ['10', 3],
      ['20', 1],
    ])
    expect(p0.targets).toEqual([
      [0, 1, '100', 3],
      [0, 2, '7', 1],
    ])
    expect(p0.replayCount).toBe(1)
    expect(entriesOf(p0)).toEqual([
      { offset: 10, replayCount: 1, target: { topic: 'orders', partition: 1, offset: '100' } },
      { offset: 11, replayCount: 1, target: { topic: 'orders', partition: 1, offset: '101' } },
      { offset: 12, replayCount: 1, target: { topic: 'orders', partition: 1, offset: '102' } },
      { offset: 20, replayCount: 1, target: { topic: 'orders', partition: 2, offset: '7' } },
    ])
    expect(entriesOf(runs.find((r) => r.partition === 1)!)).toEqual([
      { offset: 5, replayCount: 2, target: { topic: 'orders', partition: 0, offset: '50' } },
    ])
  })

  it('keeps per-dead-letter replay counts, several target topics, and copies at offsets beyond 2^53', () => {
    const b = new ResolutionRunBuilder('shared.dlq', common)
    b.add(3, '0', 1, { topic: 'a', partition: 0, offset: 9007199254740993n })
    b.add(3, '1', 3, { topic: 'b', partition: 0, offset: 9007199254740994n })
    b.add(3, '2', 1, { topic: 'a', partition: 0, offset: 9007199254740994n })
    const [run] = b.finish().map(roundTrip)
    expect(run!.replayCount).toEqual([1, 3, 1])
    expect(run!.topics).toEqual(['a', 'b'])
    expect(entriesOf(run!).map((e) => [e.offset, e.replayCount, e.target?.topic, e.target?.offset])).toEqual([
      [0, 1, 'a', '9007199254740993'],
      [1, 3, 'b', '9007199254740994'],
      [2, 1, 'a', '9007199254740994'],
    ])
  })

  it('writes discards without copies, and splits long runs so a record stays small', () => {
    const b = new ResolutionRunBuilder('x.dlq', { ...common, status: 'discarded', jobId: undefined, reason: 'bad' })
    for (let i = 0; i < MAX_RUN_ENTRIES + 5; i++) b.add(0, String(i * 2), 0)
    const runs = b.finish().map(roundTrip)
    expect(runs.map((r) => entriesOf(r).length)).toEqual([MAX_RUN_ENTRIES, 5])
    expect(runs[0]!.targets).toBeUndefined()
    expect(runs[0]!.reason).toBe('bad')
    expect(JSON.stringify(runs[0]).length).toBeLessThan(200_000)
    expect(entriesOf(runs[1]!).map((e) => e.offset)).toEqual([0, 2, 4, 6, 8].map((d) => 2 * MAX_RUN_ENTRIES + d))
  })

  it('refuses records it did not write: wrong key, bad shapes, inconsistent or huge counts', () => {
    const b = new ResolutionRunBuilder('t.dlq', common)
    b.add(0, '1', 1, { topic: 't', partition: 0, offset: 5n })
    const [good] = b.finish()
    const key = { dlqTopic: 't.dlq', partition: 0 }
    const bad = (patch: Record<string, unknown>) =>
      parseRunValue({ ...JSON.parse(JSON.stringify(good)), ...patch }, key)
    expect(parseRunValue(JSON.parse(JSON.stringify(good)), key)).not.toBeNull()
    expect(parseRunValue(good, { dlqTopic: 't.dlq', partition: 1 })).toBeNull()
    expect(bad({ status: 'pending' })).toBeNull()
    expect(bad({ offsets: [['1', 2]] })).toBeNull() // two dead letters, one copy
    expect(bad({ offsets: [['-1', 1]] })).toBeNull()
    expect(bad({ offsets: [['1', 1e9]], targets: [[0, 0, '5', 1e9]] })).toBeNull()
    expect(bad({ targets: [[1, 0, '5', 1]] })).toBeNull() // no topic 1
    expect(bad({ replayCount: [1, 2] })).toBeNull()
    expect(bad({ offsets: 'x' })).toBeNull()
    expect(parseRunValue(null, key)).toBeNull()
  })

  it('tells run keys from others', () => {
    expect(runOfKey(runKeyOf('a.dlq', 2, 'id'))).toEqual({ dlqTopic: 'a.dlq', partition: 2 })
    expect(runOfKey('["a.dlq",2,"5"]')).toBeNull()
    expect(runOfKey('["run","a.dlq",-1,"id"]')).toBeNull()
    expect(runOfKey('["run",')).toBeNull()
  })
})
