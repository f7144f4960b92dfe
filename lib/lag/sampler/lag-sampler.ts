import 'server-only'
import { randomUUID } from 'node:crypto'
import { getConfig } from '@/lib/config'
import { ensureStateTopic, type StateTopic, stateTopicName } from '@/lib/state/state-topics'
import type { SamplerStatus } from '../history-types'
import { collectSamples } from './collect-samples'
import { type ElectionRole, LeaderElection } from './leader-election'
import { SamplingLoop } from './sampling-loop'
import { writeSamples } from './write-samples'

// ensureStateTopic remembers a failure for a minute; trying again sooner would only repeat its answer.
const RETRY_UNAVAILABLE_MS = 60_000
// The election consumer could not join (brokers down at start): try again after this.
const RETRY_JOIN_MS = 10_000

export type LagSamplerOptions = {
  clusterId: string
  /** Distinguishes instances in one process (tests); a random id otherwise. */
  instanceId?: string
  /** Replaces ensureStateTopic (tests force a failure with it). */
  ensureTopic?: typeof ensureStateTopic
}

/**
 * The lag sampler of one cluster in this console instance: makes sure the state topics exist, takes part in the
 * leader election, and while leading writes one sample per group every intervalMs to the samples topic. Never
 * throws: what goes wrong is in status() (lastError, or role 'unavailable' with the reason).
 */
export class LagSampler {
  readonly instanceId: string
  private readonly status: SamplerStatus
  private election: LeaderElection | null = null
  private loop: SamplingLoop | null = null
  private samplesTopic = ''
  private stopped = false
  private retryTimer: NodeJS.Timeout | null = null

  constructor(private readonly options: LagSamplerOptions) {
    this.instanceId = options.instanceId ?? randomUUID().slice(0, 8)
    const { intervalMs } = getConfig().config.lagSampling
    this.status = {
      enabled: true,
      role: 'starting',
      intervalMs,
      lastSampleAt: null,
      lastSampleDurationMs: null,
      lastError: null,
      persistence: { ok: true, topic: stateTopicName('lag-samples') },
    }
  }

  getStatus(): SamplerStatus {
    return { ...this.status, persistence: { ...this.status.persistence } }
  }

  get role(): SamplerStatus['role'] {
    return this.status.role
  }

  /** Resolves once the topics are checked and the election consumer runs (or the sampler says why it cannot). */
  async start(): Promise<void> {
    if (this.stopped || this.election) return
    const { clusterId } = this.options
    const ensure = this.options.ensureTopic ?? ensureStateTopic
    const { retentionMs, intervalMs } = getConfig().config.lagSampling
    const failed = (topic: string, err: unknown): StateTopic => ({ ok: false, topic, reason: String(err) })
    const [samples, election] = await Promise.all([
      ensure(clusterId, 'lag-samples', { cleanupPolicy: 'delete', retentionMs, partitions: 1 }).catch((err) =>
        failed(stateTopicName('lag-samples'), err),
      ),
      // Nothing is ever written to the election topic; it exists for its one partition.
      ensure(clusterId, 'lag-sampler', { cleanupPolicy: 'delete', partitions: 1 }).catch((err) =>
        failed(stateTopicName('lag-sampler'), err),
      ),
    ])
    if (this.stopped) return
    const broken = [samples, election].find((t) => !t.ok)
    if (broken && !broken.ok) {
      this.status.role = 'unavailable'
      this.status.persistence = { ok: false, topic: broken.topic, reason: broken.reason }
      this.status.lastError = `Lag sampling is off: ${broken.reason}`
      this.retryLater(RETRY_UNAVAILABLE_MS)
      return
    }
    this.status.persistence = { ok: true, topic: samples.topic }
    this.status.role = 'starting'
    this.status.lastError = null
    this.samplesTopic = samples.topic
    this.loop = new SamplingLoop(intervalMs, () => this.tick(intervalMs))
    this.election = new LeaderElection({
      clusterId,
      groupId: election.topic,
      topic: election.topic,
      instanceId: this.instanceId,
      onRole: (role) => this.onRole(role),
      onError: (err) => {
        this.status.lastError = `Leader election: ${err.message}`
      },
    })
    try {
      await this.election.start()
    } catch (err) {
      if (this.stopped) return
      this.election = null
      this.status.role = 'unavailable'
      this.status.lastError = `Cannot join the sampler group "${election.topic}": ${(err as Error).message}`
      this.retryLater(RETRY_JOIN_MS)
    }
  }

  /** Leaves the election (another instance takes over) and waits for a tick in progress. */
  async stop(): Promise<void> {
    this.stopped = true
    if (this.retryTimer) clearTimeout(this.retryTimer)
    const election = this.election
    this.election = null
    await Promise.all([election?.stop(), this.loop?.stop()])
    this.status.role = 'disabled'
  }

  private onRole(role: ElectionRole): void {
    if (this.stopped) return
    this.status.role = role === 'joining' ? 'starting' : role
    if (role === 'leader') this.loop?.start()
    else void this.loop?.stop()
  }

  private async tick(intervalMs: number): Promise<void> {
    const started = Date.now()
    try {
      const samples = await collectSamples(this.options.clusterId, intervalMs)
      // Leadership may have moved while reading; the new leader samples this tick.
      if (this.status.role !== 'leader') return
      await writeSamples(this.options.clusterId, this.samplesTopic, samples)
      this.status.lastSampleAt = started
      this.status.lastSampleDurationMs = Date.now() - started
      this.status.lastError = null
    } catch (err) {
      this.status.lastError = `Sampling failed: ${(err as Error).message}`
    }
  }

  private retryLater(ms: number): void {
    if (this.stopped) return
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      void this.start()
    }, ms)
    this.retryTimer.unref()
  }
}
