import { execFile } from 'node:child_process'
import { inject } from 'vitest'
import { kafkaClasspath } from '../scripts/kafka/fetch-kafka'

// Kafka's own ConsumerGroupCommand, the reference Ferry's group actions are compared with. Async, so several JVMs
// (≈1 s to start each) can run side by side.

const CONSUMER_GROUP_COMMAND = 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand'

/**
 * Runs ConsumerGroupCommand (or another Kafka tool class) against the test broker; resolves with stdout, or with
 * `ERROR <stderr>` when it fails.
 */
export function groupCli(args: string[], mainClass = CONSUMER_GROUP_COMMAND): Promise<string> {
  const libs = inject('kafkaLibs')
  const java = ['-Xmx256m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-cp', kafkaClasspath(libs)]
  const argv = [...java, mainClass, '--bootstrap-server', inject('kafkaBootstrap'), ...args]
  return new Promise((resolve) => {
    execFile(
      'java',
      argv,
      { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, KAFKA_HEAP_OPTS: '' } },
      (err, stdout, stderr) => resolve(err ? `ERROR ${stderr || stdout || err.message}` : stdout),
    )
  })
}

/** Rows of a CLI table whose first column is one of `groups`, split on whitespace. */
export function rowsOf(out: string, groups: string[]): string[][] {
  return out
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((cols) => groups.includes(cols[0] ?? ''))
}

/**
 * `--reset-offsets … --dry-run`: GROUP TOPIC PARTITION NEW-OFFSET → "topic-partition" → new offset. Read as a stream of
 * words, four per row: Kafka 3.9 prints the rows without line breaks between them.
 */
export function newOffsetsOf(out: string, group: string): Record<string, string> {
  const words = out.split(/\s+/).filter(Boolean)
  const result: Record<string, string> = {}
  for (let i = words.indexOf('NEW-OFFSET') + 1; i > 0 && i + 3 < words.length; i++) {
    if (words[i] !== group) continue
    result[`${words[i + 1]}-${words[i + 2]}`] = words[i + 3] ?? ''
    i += 3
  }
  return result
}

/** `--describe`: GROUP TOPIC PARTITION CURRENT-OFFSET … → "topic-partition" → current offset ("-" when none). */
export function committedOf(out: string, group: string): Record<string, string> {
  return Object.fromEntries(
    rowsOf(out, [group]).map(([, topic, partition, current]) => [`${topic}-${partition}`, current ?? '']),
  )
}

/** Polls until `ok(value)`; fails naming the last value after `timeoutMs`. */
export async function until<T>(what: string, read: () => T | Promise<T>, ok: (v: T) => boolean, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (ok(value)) return value
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)} after ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 300))
  }
}
