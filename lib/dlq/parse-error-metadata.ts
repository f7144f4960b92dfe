// Pure: why a dead-lettered record failed and where it came from, from its headers and decoded value.
import { causeTypeOfTrace, errorFingerprint } from './fingerprint'
import { HeaderReader, type RawHeader } from './header-values'

export { normaliseErrorMessage, normaliseStackTrace } from './fingerprint'
export type { RawHeader } from './header-values'

export type DeadLetterStyle = 'spring' | 'connect' | 'envelope' | 'generic' | 'unknown'

export type DeadLetterMetadata = {
  style: DeadLetterStyle
  source: {
    topic?: string
    partition?: number
    /** Decimal string: offsets are int64. */
    offset?: string
    /** Epoch ms of the original record. */
    timestamp?: number
    timestampType?: string
    consumerGroup?: string
  }
  error: {
    type?: string
    causeType?: string
    message?: string
    stackTrace?: string
    /** Spring: the key, not the value, failed to deserialize. */
    failedOn?: 'key' | 'value'
    /** Groups records failing with the same bug (see fingerprint.ts). */
    fingerprint: string
  }
  connect?: { connector?: string; task?: number; stage?: string; className?: string }
  attempts?: number
  /** ISO 8601. */
  firstAttemptAt?: string
  lastAttemptAt?: string
  /** The envelope's originalEvent. */
  originalValue?: unknown
  /** What could not be read; everything else still is. */
  problems: string[]
}

type Parsed = Omit<DeadLetterMetadata, 'error' | 'problems'> & {
  error: Omit<DeadLetterMetadata['error'], 'fingerprint'>
}

const SPRING = 'kafka_dlt-'
const CONNECT = '__connect.errors.'
const GENERIC_KEYS = [
  'x-original-topic',
  'x-original-partition',
  'x-original-offset',
  'x-original-timestamp',
  'x-original-consumer-group',
  'x-consumer-group',
  'x-exception-type',
  'x-exception-class',
  'x-exception-fqcn',
  'x-exception-cause-type',
  'x-exception-cause-fqcn',
  'x-exception-message',
  'x-exception-stacktrace',
  'x-exception-stack-trace',
  'x-exception',
  'error-type',
  'error-class',
  'error-message',
  'error-stacktrace',
  'error-stack-trace',
  'error-stack',
  'error',
]
const RETRY_COUNT_KEYS = ['x-retry-count', 'retry-count', 'x-retries', 'retry_topic-attempts']

/** Header keys that by themselves mark a record as a dead letter (retry counts alone do not: retry topics have them). */
export function isDeadLetterHeaderKey(key: string): boolean {
  const k = key.toLowerCase()
  return (
    key.startsWith(SPRING) ||
    key.startsWith(CONNECT) ||
    k.startsWith('x-original-') ||
    k.startsWith('x-exception') ||
    k.startsWith('x-dlq-')
  )
}

/**
 * Reads a dead letter's metadata. Header styles (Spring, Connect) win over a JSON envelope; when a record carries
 * both Spring and Connect headers, the style whose headers were appended last describes the latest failure.
 * Never throws: unreadable headers become `problems`.
 */
export function parseErrorMetadata(headers: readonly RawHeader[], value: unknown): DeadLetterMetadata {
  const reader = new HeaderReader(headers)
  const generic = new HeaderReader(headers, true)
  const keys = headers.map((h) => h.key)
  const springAt = reader.lastIndexOf(keys.filter((k) => k.startsWith(SPRING)))
  const connectAt = reader.lastIndexOf(keys.filter((k) => k.startsWith(CONNECT)))
  const problems: string[] = []
  let parsed: Parsed
  if (springAt >= 0 || connectAt >= 0) {
    parsed = springAt > connectAt ? parseSpring(reader) : parseConnect(reader)
  } else {
    const envelope = envelopeOf(value)
    if (envelope) parsed = parseEnvelope(envelope, problems)
    else parsed = parseGeneric(generic)
  }
  if (parsed.attempts === undefined) {
    const attempts = generic.count(RETRY_COUNT_KEYS, 'last')
    if (attempts !== undefined) parsed.attempts = attempts
  }
  problems.unshift(...reader.problems, ...generic.problems)
  if (parsed.error.stackTrace && !parsed.error.causeType) {
    const cause = causeTypeOfTrace(parsed.error.stackTrace)
    if (cause) parsed.error.causeType = cause
  }
  if (parsed.source.offset?.startsWith('-')) problems.push(`source offset ${parsed.source.offset} is negative`)
  return {
    ...parsed,
    error: { ...parsed.error, fingerprint: errorFingerprint(parsed.error) },
    problems: [...new Set(problems)],
  }
}

function parseSpring(h: HeaderReader): Parsed {
  const valueFailed = h.has(`${SPRING}exception-fqcn`)
  const prefix =
    valueFailed || !h.has(`${SPRING}key-exception-fqcn`) ? `${SPRING}exception-` : `${SPRING}key-exception-`
  return clean({
    style: 'spring',
    source: {
      topic: h.text(`${SPRING}original-topic`, 'first'),
      partition: h.count(`${SPRING}original-partition`, 'first'),
      offset: h.integer(`${SPRING}original-offset`, 'first'),
      timestamp: h.epochMs(`${SPRING}original-timestamp`, 'first'),
      timestampType: h.text(`${SPRING}original-timestamp-type`, 'first'),
      consumerGroup: h.text(`${SPRING}original-consumer-group`, 'first'),
    },
    error: {
      type: h.text(`${prefix}fqcn`),
      causeType: h.text(`${prefix}cause-fqcn`),
      message: h.text(`${prefix}message`),
      stackTrace: h.text(`${prefix}stacktrace`),
      failedOn: prefix.includes('key-') ? 'key' : h.has(`${prefix}fqcn`) ? 'value' : undefined,
    },
    // Spring's retryable topics count attempts in their own header.
    attempts: h.count('retry_topic-attempts', 'last'),
  })
}

function parseConnect(h: HeaderReader): Parsed {
  return clean({
    style: 'connect',
    source: {
      topic: h.text(`${CONNECT}topic`, 'last'),
      partition: h.count(`${CONNECT}partition`, 'last', true),
      offset: h.integer(`${CONNECT}offset`, 'last', true),
    },
    error: {
      type: h.text(`${CONNECT}exception.class.name`),
      message: h.text(`${CONNECT}exception.message`),
      stackTrace: h.text(`${CONNECT}exception.stacktrace`),
    },
    connect: clean({
      connector: h.text(`${CONNECT}connector.name`),
      task: h.count(`${CONNECT}task.id`, 'last', true),
      stage: h.text(`${CONNECT}stage`),
      className: h.text(`${CONNECT}class.name`),
    }),
  })
}

function parseGeneric(h: HeaderReader): Parsed {
  const found = GENERIC_KEYS.some((k) => h.has(k))
  const errorText = h.text('error')
  return clean({
    style: found ? 'generic' : 'unknown',
    source: {
      topic: h.text('x-original-topic', 'first'),
      partition: h.count('x-original-partition', 'first'),
      offset: h.integer('x-original-offset', 'first'),
      timestamp: h.epochMs('x-original-timestamp', 'first'),
      consumerGroup: h.text(['x-original-consumer-group', 'x-consumer-group'], 'first'),
    },
    error: {
      type: h.text(['x-exception-type', 'x-exception-class', 'x-exception-fqcn', 'error-type', 'error-class']),
      causeType: h.text(['x-exception-cause-type', 'x-exception-cause-fqcn']),
      message: h.text(['x-exception-message', 'x-exception', 'error-message']) ?? errorText,
      stackTrace: h.text([
        'x-exception-stacktrace',
        'x-exception-stack-trace',
        'error-stacktrace',
        'error-stack-trace',
        'error-stack',
      ]),
    },
  })
}

type Envelope = Record<string, unknown> & { error: Record<string, unknown> }

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** A JSON envelope: an object with an `error` object and the failed event or where it came from. */
export function envelopeOf(value: unknown): Envelope | null {
  let v = value
  if (typeof v === 'string' && v.trimStart().startsWith('{')) {
    try {
      v = JSON.parse(v)
    } catch {
      return null
    }
  }
  if (!isObject(v) || !isObject(v.error)) return null
  return 'originalEvent' in v || 'original_event' in v || isObject(v.source) ? (v as Envelope) : null
}

function parseEnvelope(env: Envelope, problems: string[]): Parsed {
  const source = isObject(env.source) ? env.source : {}
  const retry = isObject(env.retryHistory) ? env.retryHistory : isObject(env.retry_history) ? env.retry_history : {}
  const err = env.error
  const str = (where: string, v: unknown): string | undefined => {
    if (v === undefined || v === null) return undefined
    if (typeof v === 'string') return v
    problems.push(`${where}: expected a string, got ${typeof v}`)
    return undefined
  }
  const int = (where: string, v: unknown): string | undefined => {
    if (v === undefined || v === null) return undefined
    if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return BigInt(v.trim()).toString()
    if (typeof v === 'number' && Number.isInteger(v)) {
      // JSON.parse already rounded it: say so rather than show a neighbouring offset as exact.
      if (!Number.isSafeInteger(v)) problems.push(`${where}: ${v} is beyond 2^53 and may not be exact`)
      return BigInt(v).toString()
    }
    problems.push(`${where}: expected an integer, got ${JSON.stringify(v)}`)
    return undefined
  }
  const time = (where: string, v: unknown): string | undefined => {
    if (v === undefined || v === null) return undefined
    const ms = typeof v === 'number' ? v : typeof v === 'string' ? Date.parse(v) : Number.NaN
    if (Number.isFinite(ms) && Math.abs(ms) < 8.64e15) return new Date(ms).toISOString()
    problems.push(`${where}: not a time: ${JSON.stringify(v)}`)
    return undefined
  }
  const partition = int('source.partition', source.partition)
  const attempts = int('retryHistory.attempts', retry.attempts)
  const timestamp = int('source.timestamp', source.timestamp)
  return clean({
    style: 'envelope',
    source: {
      topic: str('source.topic', source.topic),
      partition: partition === undefined ? undefined : Number(partition),
      offset: int('source.offset', source.offset),
      timestamp: timestamp === undefined ? undefined : Number(timestamp),
      consumerGroup: str('source.consumerGroup', source.consumerGroup ?? source.consumer_group),
    },
    error: {
      type: str('error.type', err.type ?? err.name),
      causeType: str('error.causeType', err.causeType ?? err.cause_type),
      message: str('error.message', err.message),
      stackTrace: str('error.stackTrace', err.stackTrace ?? err.stack_trace ?? err.stack),
    },
    attempts: attempts === undefined ? undefined : Number(attempts),
    firstAttemptAt: time('retryHistory.firstAttempt', retry.firstAttempt ?? retry.first_attempt),
    lastAttemptAt: time('retryHistory.lastAttempt', retry.lastAttempt ?? retry.last_attempt ?? err.timestamp),
    originalValue: 'originalEvent' in env ? env.originalEvent : env.original_event,
  })
}

/** Drops undefined fields (recursively one level), so results compare and serialise cleanly. */
function clean<T extends object>(o: T): T {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue
    out[k] = isObject(v) && k !== 'originalValue' ? clean(v) : v
  }
  return out as T
}
