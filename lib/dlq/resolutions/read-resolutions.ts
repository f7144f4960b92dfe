import 'server-only'
import type { ConnectionPool } from '@platformatic/kafka'
import { fetchWatermarks } from '@/lib/kafka/fetch-watermarks'
import { ensureStateTopic } from '@/lib/state/state-topics'
import type { DeadLetterResolution, StateTopicHealth } from '../api-types'
import { type Cursor, layoutOf, readPartitions } from '../index/read-partitions'
import { DeadLetterTable } from '../raw/dead-letter-table'
import { forEachRunEntry, parseRunValue, runOfKey } from './resolution-runs'
import { coordinatesOfResolutionKey, RESOLUTIONS_TOPIC_SPEC, type ResolutionRecord } from './types'

// The statuses of dead letters: the whole `<prefix>dlq-resolutions` topic read once, then incrementally (raw Fetch,
// read_uncommitted is fine: resolutions are written without transactions). Records are applied in log order, so the
// latest resolution of a dead letter wins: runs (resolution-runs.ts) and one-dead-letter records of the earlier
// format, whose tombstone puts the dead letter back to pending.

export type StoredResolution = DeadLetterResolution & { atMs: number }

export class ResolutionStore {
  /** dlqTopic → partition → offset → resolution. */
  readonly byTopic = new Map<string, Map<number, Map<number, StoredResolution>>>()
  health: StateTopicHealth = { ok: false, topic: '', reason: 'not read yet' }
  version = 0
  recordsRead = 0
  private cursors: Cursor[] = []
  private topic = ''

  constructor(
    private readonly clusterId: string,
    private readonly pool: ConnectionPool,
  ) {}

  get caughtUp(): boolean {
    return this.health.ok && this.cursors.every((c) => c.next >= c.high)
  }

  resolutionOf(dlqTopic: string, partition: number, offset: number): StoredResolution | undefined {
    return this.byTopic.get(dlqTopic)?.get(partition)?.get(offset)
  }

  /** Reads what is new until the deadline. Never throws: a topic that cannot be used is reported in `health`. */
  async catchUp(deadline: number): Promise<void> {
    try {
      const state = await ensureStateTopic(this.clusterId, 'dlq-resolutions', RESOLUTIONS_TOPIC_SPEC)
      if (!state.ok) {
        this.health = { ok: false, topic: state.topic, reason: state.reason }
        return
      }
      this.topic = state.topic
      const layout = await layoutOf(this.clusterId, [state.topic])
      const leaders = layout.leaders.get(state.topic) ?? new Map<number, number>()
      const marks = (
        await fetchWatermarks(this.clusterId, [{ topic: state.topic, partitions: [...leaders.keys()] }])
      ).get(state.topic)
      for (const m of marks ?? []) {
        let c = this.cursors.find((x) => x.partition === m.partition)
        if (!c) {
          c = { partition: m.partition, leader: -1, next: BigInt(m.low), high: 0n }
          this.cursors.push(c)
        }
        if (c.next < BigInt(m.low)) c.next = BigInt(m.low)
        c.high = BigInt(m.high)
        c.leader = leaders.get(m.partition) ?? -1
      }
      const errors = await readPartitions(
        this.pool,
        layout.brokers,
        state.topic,
        this.cursors,
        deadline,
        (partition, bytes, from) => {
          const table = new DeadLetterTable()
          const next = table.addBatches(partition, bytes, from, () => true)
          for (let row = 0; row < table.rows; row++) {
            const record = table.viewOf(row, '')
            this.apply(record.key(), record.value())
          }
          return next
        },
      )
      this.health = errors.length
        ? { ok: true, topic: state.topic, reason: `reading was interrupted (Kafka error ${errors[0]}); retrying` }
        : { ok: true, topic: state.topic }
    } catch (err) {
      this.health = {
        ok: false,
        topic: this.topic,
        reason: `could not read the resolutions: ${(err as Error).message}`,
      }
    }
  }

  /** One record of the topic, in log order: a run, or a one-dead-letter record (a tombstone removes it). */
  apply(key: Buffer | null, value: Buffer | null): void {
    this.recordsRead++
    if (!key) return
    const text = key.toString('utf8')
    const run = runOfKey(text)
    if (run) {
      if (value) this.applyRun(run, value)
      return
    }
    const c = coordinatesOfResolutionKey(text)
    if (!c) return
    const offset = Number(c.offset)
    if (value === null) {
      if (this.byTopic.get(c.dlqTopic)?.get(c.partition)?.delete(offset)) this.version++
      return
    }
    const parsed = parseResolution(value)
    if (!parsed) return
    this.offsetsOf(c.dlqTopic, c.partition).set(offset, parsed)
    this.version++
  }

  private applyRun(key: { dlqTopic: string; partition: number }, value: Buffer): void {
    let raw: unknown
    try {
      raw = JSON.parse(value.toString('utf8'))
    } catch {
      return
    }
    const run = parseRunValue(raw, key)
    if (!run) return
    const atMs = Date.parse(run.at)
    if (!Number.isFinite(atMs)) return
    const offsets = this.offsetsOf(run.dlqTopic, run.partition)
    const shared: Omit<StoredResolution, 'replayCount' | 'target'> = {
      status: run.status,
      at: run.at,
      by: run.by,
      atMs,
    }
    if (run.jobId !== undefined) shared.jobId = run.jobId
    if (run.reason !== undefined) shared.reason = run.reason
    forEachRunEntry(run, (e) => {
      const stored: StoredResolution = { ...shared, replayCount: e.replayCount }
      if (e.target) stored.target = e.target
      offsets.set(e.offset, stored)
    })
    this.version++
  }

  private offsetsOf(dlqTopic: string, partition: number): Map<number, StoredResolution> {
    let partitions = this.byTopic.get(dlqTopic)
    if (!partitions) {
      partitions = new Map()
      this.byTopic.set(dlqTopic, partitions)
    }
    let offsets = partitions.get(partition)
    if (!offsets) {
      offsets = new Map()
      partitions.set(partition, offsets)
    }
    return offsets
  }
}

function parseResolution(value: Buffer): StoredResolution | null {
  try {
    const v = JSON.parse(value.toString('utf8')) as Partial<ResolutionRecord>
    if (v.status !== 'replayed' && v.status !== 'discarded') return null
    const atMs = typeof v.at === 'string' ? Date.parse(v.at) : Number.NaN
    if (!Number.isFinite(atMs)) return null
    const { clusterId: _ignored, ...resolution } = v as ResolutionRecord
    return { ...resolution, replayCount: Number(v.replayCount) || 0, atMs }
  } catch {
    return null
  }
}
