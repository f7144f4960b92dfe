import { type ChildProcess, spawn } from 'node:child_process'
import { kafkaClasspath } from './fetch-kafka'

export type JavaProcess = { process: ChildProcess; stop(): Promise<void> }

/**
 * Starts one of Kafka's own Java programs (a console consumer, a share consumer…) from the given jars, output
 * discarded. It dies with this process; stop() ends it gently, then forcibly after 5 s.
 */
export function spawnKafkaJava(libs: string, mainClass: string, args: string[]): JavaProcess {
  const proc = spawn('java', ['-Xmx128m', '-XX:+UseSerialGC', '-cp', kafkaClasspath(libs), mainClass, ...args], {
    stdio: 'ignore',
    env: { ...process.env, KAFKA_HEAP_OPTS: '' },
  })
  // A consumer outliving us would keep its group alive.
  const kill = () => proc.kill('SIGKILL')
  process.once('exit', kill)
  proc.once('exit', () => process.removeListener('exit', kill))
  const stop = () =>
    new Promise<void>((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return resolve()
      proc.once('exit', () => resolve())
      proc.kill('SIGTERM')
      setTimeout(() => proc.kill('SIGKILL'), 5_000).unref()
    })
  return { process: proc, stop }
}

/** Kafka's ConsoleConsumer in a group; `protocol: 'consumer'` joins with the KIP-848 protocol. */
export function startConsoleConsumer(
  libs: string,
  opts: { bootstrap: string; topic: string; group: string; protocol?: 'classic' | 'consumer' },
): JavaProcess {
  const args = ['--bootstrap-server', opts.bootstrap, '--topic', opts.topic, '--group', opts.group]
  if (opts.protocol) args.push('--consumer-property', `group.protocol=${opts.protocol}`)
  return spawnKafkaJava(libs, 'org.apache.kafka.tools.consumer.ConsoleConsumer', args)
}

/** Kafka's ConsoleShareConsumer (KIP-932, Kafka 4.x) in a share group. */
export function startConsoleShareConsumer(libs: string, opts: { bootstrap: string; topic: string; group: string }) {
  const args = ['--bootstrap-server', opts.bootstrap, '--topic', opts.topic, '--group', opts.group]
  return spawnKafkaJava(libs, 'org.apache.kafka.tools.consumer.ConsoleShareConsumer', args)
}
