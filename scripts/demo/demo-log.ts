import { type LogEntry, logLevel } from 'kafkajs'

/** The same failure is printed at most once per window, so a broker outage gives a few lines, not a flood. */
const REPEAT_WINDOW_MS = 30_000
const lastPrinted = new Map<string, number>()

export function logDemo(message: string): void {
  console.log(`demo: ${message}`)
}

/** One short `demo:` line for a failure; repeats of the same context and message are throttled. */
export function warnDemo(context: string, err: unknown): void {
  const text = errorText(err)
  const key = `${context}|${text}`
  const now = Date.now()
  if (now - (lastPrinted.get(key) ?? 0) < REPEAT_WINDOW_MS) return
  lastPrinted.set(key, now)
  if (lastPrinted.size > 500) lastPrinted.clear()
  console.warn(`demo: ${context}: ${text}`)
}

export function errorText(err: unknown): string {
  if (err instanceof Error) return err.message.split('\n')[0] ?? err.name
  return String(err)
}

/**
 * kafkajs log creator: errors only, one throttled line each, instead of kafkajs' multi-line JSON dumps. Error
 * responses logged by the connection layer are dropped: kafkajs retries them, and real failures reach the demo's own
 * error handling anyway (on a fresh broker they are routine: NOT_LEADER, NOT_COORDINATOR while partitions load).
 */
export function demoLogCreator() {
  return ({ namespace, level, log }: LogEntry) => {
    if (level > logLevel.ERROR) return
    if (namespace === 'Connection' && log.message.startsWith('Response ')) return
    // The demo's restartOnFailure hook already reports each restart.
    if (namespace === 'Consumer' && log.message.startsWith('Restarting the consumer')) return
    const detail =
      typeof log.error === 'string' && log.error !== log.message ? `${log.message} (${log.error})` : log.message
    warnDemo(`kafkajs ${namespace}`, detail)
  }
}

/** Resolves after `ms`, or early when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve()
    const onAbort = () => {
      clearTimeout(timer)
      resolve()
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/**
 * Runs `attempt` until it succeeds or the signal aborts, logging each failure and backing off up to 15 s.
 * Returns undefined when aborted first.
 */
export async function retryUntilDone<T>(
  what: string,
  attempt: () => Promise<T>,
  signal: AbortSignal,
): Promise<T | undefined> {
  let delay = 1_000
  let failures = 0
  while (!signal.aborted) {
    try {
      return await attempt()
    } catch (err) {
      if (signal.aborted) break
      // A fresh cluster answers NOT_LEADER / NOT_COORDINATOR for a moment; only report those when they persist.
      if (++failures > 2 || !(err as { retriable?: boolean }).retriable) {
        warnDemo(`${what} failed, retrying in ${Math.round(delay / 1000)} s`, err)
      }
      await sleep(delay, signal)
      delay = Math.min(delay * 2, 15_000)
    }
  }
  return undefined
}
