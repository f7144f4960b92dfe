import { type JavaProcess, startConsoleConsumer, startConsoleShareConsumer } from '../kafka/java-process'
import { logDemo } from './demo-log'
import { DEMO_TOPIC } from './topics'

/** The demo groups that only Kafka's own Java clients can create (kafkajs speaks the classic protocol only). */
export const JAVA_DEMO_GROUP = {
  /** KIP-848 "consumer"-type group: ConsoleConsumer with group.protocol=consumer. */
  ledger: 'ledger-kip848',
  /** KIP-932 share group: ConsoleShareConsumer. */
  notifications: 'notifications-share',
} as const

export type JavaConsumers = { stop(): Promise<void> }

/**
 * Starts Kafka's own console consumers from the same jars as the broker: one KIP-848 consumer group and, where the
 * release has them (4.x), one share group. Their output is discarded; they run until stop().
 */
export function startJavaConsumers(bootstrap: string, libs: string, kafkaVersion: string): JavaConsumers {
  const major = Number(kafkaVersion.split('.')[0])
  const procs: JavaProcess[] = [
    startConsoleConsumer(libs, {
      bootstrap,
      topic: DEMO_TOPIC.payments,
      group: JAVA_DEMO_GROUP.ledger,
      protocol: 'consumer',
    }),
  ]
  const groups: string[] = [JAVA_DEMO_GROUP.ledger]
  if (major >= 4) {
    procs.push(
      startConsoleShareConsumer(libs, { bootstrap, topic: DEMO_TOPIC.orders, group: JAVA_DEMO_GROUP.notifications }),
    )
    groups.push(JAVA_DEMO_GROUP.notifications)
  }
  logDemo(`Kafka's own console consumers joined: ${groups.join(', ')}`)
  return { stop: async () => void (await Promise.all(procs.map((p) => p.stop()))) }
}
