import { type LogEntry, logLevel } from 'kafkajs'

const LEVEL_NAME: Record<number, string> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
}

// kafkajs logs whole request contexts at debug level; keep only a one-line message and a few safe fields so that
// nothing resembling credentials can reach the server log.
const SAFE_FIELDS = ['broker', 'clientId', 'groupId', 'topic', 'error', 'retryCount'] as const

/** A broker that is down makes kafkajs log every retry of every request; one line per broker per minute is enough. */
const REPEAT_WINDOW_MS = 60_000
const lastSeen = new Map<string, number>()

export function kafkaLogCreator() {
  return ({ namespace, level, log }: LogEntry) => {
    if (namespace === 'Connection' || namespace === 'BrokerPool') {
      const key = `${namespace}:${String(log.broker ?? '')}:${String(log.message).slice(0, 40)}`
      const now = Date.now()
      if (now - (lastSeen.get(key) ?? 0) < REPEAT_WINDOW_MS) return
      lastSeen.set(key, now)
      if (lastSeen.size > 1_000) lastSeen.clear()
    }
    const fields = SAFE_FIELDS.filter((k) => log[k] !== undefined)
      .map((k) => `${k}=${String(log[k])}`)
      .join(' ')
    const line = `kafkajs ${LEVEL_NAME[level] ?? level} [${namespace}] ${log.message}${fields ? ` ${fields}` : ''}`
    if (level <= logLevel.ERROR) console.error(line)
    else console.warn(line)
  }
}
