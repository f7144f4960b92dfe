import 'server-only'
import { type Consumer, Kafka } from 'kafkajs'
import { getClusterConfig } from '@/lib/config'
import { kafkaConfigFor } from '@/lib/kafka/client'

/** joining: not (yet) in the group, or rebalancing; leader: this instance holds partition 0; follower: another does. */
export type ElectionRole = 'joining' | 'leader' | 'follower'

export type LeaderElectionOptions = {
  clusterId: string
  /** The consumer group all console instances join, and its single-partition topic. */
  groupId: string
  topic: string
  /** Names this instance's client in the group (tests run several in one process). */
  instanceId: string
  onRole: (role: ElectionRole) => void
  onError: (err: Error) => void
}

// Failover after a crash takes one session timeout (a clean stop leaves the group at once); Kafka's minimum is 6 s.
const SESSION_TIMEOUT_MS = 10_000
// The consumer heartbeats between fetches; an empty topic answers after maxWaitTime, so both are short, and a
// rebalance is noticed within about a second.
const HEARTBEAT_MS = 1_000
const MAX_WAIT_MS = 1_000

/**
 * Leader election by Kafka's own group coordination: every instance runs a consumer in one group subscribed to a
 * one-partition topic, and the group coordinator assigns that partition to exactly one member. Whoever holds
 * partition 0 leads; when it leaves or stops heartbeating, the group rebalances and another member gets it. Nothing
 * is ever written to or read from the topic.
 */
export class LeaderElection {
  private consumer: Consumer | null = null
  private role: ElectionRole = 'joining'
  private stopped = false

  constructor(private readonly options: LeaderElectionOptions) {}

  async start(): Promise<void> {
    const { clusterId, groupId, topic, instanceId } = this.options
    const kafka = new Kafka(kafkaConfigFor(getClusterConfig(clusterId), `ferry-lag-sampler-${instanceId}`))
    const consumer = kafka.consumer({
      groupId,
      sessionTimeout: SESSION_TIMEOUT_MS,
      rebalanceTimeout: SESSION_TIMEOUT_MS,
      heartbeatInterval: HEARTBEAT_MS,
      maxWaitTimeInMs: MAX_WAIT_MS,
      allowAutoTopicCreation: false,
      // Whatever made it crash (broker gone, coordinator moved), rejoin: kafkajs restarts it after a back-off.
      retry: { retries: 5, initialRetryTime: 300, maxRetryTime: 5_000, restartOnFailure: async () => true },
    })
    this.consumer = consumer
    const { GROUP_JOIN, REBALANCING, CRASH, STOP } = consumer.events
    consumer.on(GROUP_JOIN, ({ payload }) => {
      const assigned = (payload.memberAssignment as Record<string, number[] | undefined>)[topic] ?? []
      this.set(assigned.includes(0) ? 'leader' : 'follower')
    })
    // During a rebalance every member gives up its partitions; nobody leads until the new assignment.
    consumer.on(REBALANCING, () => this.set('joining'))
    consumer.on(STOP, () => this.set('joining'))
    consumer.on(CRASH, ({ payload }) => {
      this.set('joining')
      this.options.onError(payload.error)
    })
    try {
      await consumer.connect()
      await consumer.subscribe({ topics: [topic], fromBeginning: false })
      await consumer.run({ autoCommit: false, eachMessage: async () => undefined })
      // Stopped while joining: stop() may have run before the consumer was connected.
      if (this.stopped) await consumer.disconnect().catch(() => undefined)
    } catch (err) {
      await this.stop()
      throw err
    }
  }

  /** Leaves the group (another instance takes over at once). */
  async stop(): Promise<void> {
    this.stopped = true
    const consumer = this.consumer
    this.consumer = null
    this.set('joining')
    await consumer?.disconnect().catch(() => undefined)
  }

  private set(role: ElectionRole): void {
    if (this.stopped) role = 'joining'
    if (role === this.role) return
    this.role = role
    this.options.onRole(role)
  }
}
