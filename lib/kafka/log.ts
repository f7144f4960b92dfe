import { type LogEntry, logLevel } from 'kafkajs'

const LEVEL_NAME: Record<number, string> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
}

// kafkajs logs whole request contexts at debug level; keep only a one-line message and a few safe fields so that
// nothing resembling credentials can reach the server log.
const SAFE_FIELDS = ['broker', 'clientId', 'groupId', 'topic', 'error', 'retryCount', 'retryTime'] as const

export function kafkaLogCreator() {
  return ({ namespace, level, log }: LogEntry) => {
    const fields = SAFE_FIELDS.filter((k) => log[k] !== undefined)
      .map((k) => `${k}=${String(log[k])}`)
      .join(' ')
    const line = `kafkajs ${LEVEL_NAME[level] ?? level} [${namespace}] ${log.message}${fields ? ` ${fields}` : ''}`
    if (level <= logLevel.ERROR) console.error(line)
    else console.warn(line)
  }
}
