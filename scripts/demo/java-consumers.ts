import { type ChildProcess, spawn } from 'node:child_process'
import { kafkaClasspath } from '../kafka/fetch-kafka'
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
  const cp = kafkaClasspath(libs)
  const major = Number(kafkaVersion.split('.')[0])
  const procs: ChildProcess[] = []
  const run = (mainClass: string, args: string[]) => {
    const proc = spawn('java', ['-Xmx128m', '-XX:+UseSerialGC', '-cp', cp, mainClass, ...args], {
      stdio: 'ignore',
    })
    procs.push(proc)
    // A console consumer outliving the demo would keep the group alive; the exit hook kills it with us.
    const kill = () => proc.kill('SIGKILL')
    process.once('exit', kill)
    proc.once('exit', () => process.removeListener('exit', kill))
  }
  run('org.apache.kafka.tools.consumer.ConsoleConsumer', [
    '--bootstrap-server',
    bootstrap,
    '--topic',
    DEMO_TOPIC.payments,
    '--group',
    JAVA_DEMO_GROUP.ledger,
    '--consumer-property',
    'group.protocol=consumer',
  ])
  const groups: string[] = [JAVA_DEMO_GROUP.ledger]
  if (major >= 4) {
    run('org.apache.kafka.tools.consumer.ConsoleShareConsumer', [
      '--bootstrap-server',
      bootstrap,
      '--topic',
      DEMO_TOPIC.orders,
      '--group',
      JAVA_DEMO_GROUP.notifications,
    ])
    groups.push(JAVA_DEMO_GROUP.notifications)
  }
  logDemo(`Kafka's own console consumers joined: ${groups.join(', ')}`)
  return {
    stop: async () => {
      await Promise.all(
        procs.map(
          (p) =>
            new Promise<void>((resolve) => {
              if (p.exitCode !== null || p.signalCode !== null) return resolve()
              p.once('exit', () => resolve())
              p.kill('SIGTERM')
              setTimeout(() => p.kill('SIGKILL'), 5_000).unref()
            }),
        ),
      )
    },
  }
}
