import { describe, expect, it } from 'vitest'
import { parseErrorMetadata, type RawHeader } from './parse-error-metadata'

const int32 = (n: number) => {
  const b = Buffer.alloc(4)
  b.writeInt32BE(n)
  return b
}
const int64 = (n: bigint | string) => {
  const b = Buffer.alloc(8)
  b.writeBigInt64BE(BigInt(n))
  return b
}
const h = (key: string, value: string | Buffer | null): RawHeader => ({
  key,
  value: typeof value === 'string' ? Buffer.from(value) : value,
})

const SPRING_TRACE = [
  'org.springframework.kafka.listener.ListenerExecutionFailedException: Listener failed',
  '\tat org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer.decorateException(KafkaMessageListenerContainer.java:2918)',
  'Caused by: java.lang.IllegalArgumentException: amount must be positive but was -3',
  '\tat com.acme.PaymentValidator.validate(PaymentValidator.java:31)',
  '\t... 11 more',
].join('\n')

function spring(partition: Buffer | string, offset: Buffer | string, extra: RawHeader[] = []): RawHeader[] {
  return [
    h('correlation-id', 'c-1'),
    h('kafka_dlt-original-topic', 'payments'),
    h('kafka_dlt-original-partition', partition),
    h('kafka_dlt-original-offset', offset),
    h('kafka_dlt-original-timestamp', int64(1_700_000_000_123n)),
    h('kafka_dlt-original-timestamp-type', 'CreateTime'),
    h('kafka_dlt-original-consumer-group', 'fraud-detector'),
    h('kafka_dlt-exception-fqcn', 'org.springframework.kafka.listener.ListenerExecutionFailedException'),
    h('kafka_dlt-exception-cause-fqcn', 'java.lang.IllegalArgumentException'),
    h('kafka_dlt-exception-message', 'Listener failed'),
    h('kafka_dlt-exception-stacktrace', SPRING_TRACE),
    ...extra,
  ]
}

describe('Spring DeadLetterPublishingRecoverer headers', () => {
  it('reads binary big-endian partition, offset and timestamp', () => {
    const m = parseErrorMetadata(spring(int32(3), int64(42n)), 'raw')
    expect(m).toMatchObject({
      style: 'spring',
      source: {
        topic: 'payments',
        partition: 3,
        offset: '42',
        timestamp: 1_700_000_000_123,
        timestampType: 'CreateTime',
        consumerGroup: 'fraud-detector',
      },
      error: {
        type: 'org.springframework.kafka.listener.ListenerExecutionFailedException',
        causeType: 'java.lang.IllegalArgumentException',
        message: 'Listener failed',
        stackTrace: SPRING_TRACE,
        failedOn: 'value',
      },
      problems: [],
    })
    expect(m.error.fingerprint).toMatch(/^[0-9a-f]{14}$/)
    expect(m.originalValue).toBeUndefined()
  })

  it.each([
    ['binary int32 / int64', int32(7), int64(123_456n), 7, '123456'],
    ['text', '7', '123456', 7, '123456'],
    // 4 and 8 ASCII digits are text, not a 808,464,432-ish binary number.
    ['4-digit and 8-digit text', '1234', '12345678', 1234, '12345678'],
    ['int64 beyond 2^53 (binary)', int32(0), int64('9007199254740993'), 0, '9007199254740993'],
    ['int64 beyond 2^53 (text)', '0', '9223372036854775807', 0, '9223372036854775807'],
    ['int64 max (binary)', int32(2_147_483_647), int64('9223372036854775807'), 2_147_483_647, '9223372036854775807'],
  ])('%s', (_, partition, offset, p, o) => {
    const m = parseErrorMetadata(spring(partition, offset), null)
    expect(m.source.partition).toBe(p)
    expect(m.source.offset).toBe(o)
    expect(m.problems).toEqual([])
  })

  it.each([
    ['3-byte partition', Buffer.from([0, 0, 1]), int64(1n), 'kafka_dlt-original-partition'],
    ['6-byte offset', int32(1), Buffer.from([1, 2, 3, 4, 5, 6]), 'kafka_dlt-original-offset'],
    ['non-numeric text', 'one', int64(1n), 'kafka_dlt-original-partition'],
    // Printable 4 or 8 bytes are text, not a binary int.
    ['4 letters', 'four', int64(1n), 'kafka_dlt-original-partition'],
    ['8 letters', int32(1), 'eightchr', 'kafka_dlt-original-offset'],
    ['empty value', Buffer.alloc(0), int64(1n), 'kafka_dlt-original-partition'],
    ['null value', null, int64(1n), 'kafka_dlt-original-partition'],
    ['negative binary partition', int32(-1), int64(1n), 'kafka_dlt-original-partition'],
  ] as const)('malformed %s: a problem, everything else still read', (_, partition, offset, key) => {
    const m = parseErrorMetadata(spring(partition as Buffer | string, offset as Buffer | string), null)
    expect(m.problems).toHaveLength(1)
    expect(m.problems[0]).toContain(key)
    expect(m.source.topic).toBe('payments')
    expect(m.error.causeType).toBe('java.lang.IllegalArgumentException')
    expect(m.source.consumerGroup).toBe('fraud-detector')
  })

  it('reports a negative offset', () => {
    const m = parseErrorMetadata(spring(int32(0), int64(-5n)), null)
    expect(m.source.offset).toBe('-5')
    expect(m.problems).toEqual(['source offset -5 is negative'])
  })

  it('invalid UTF-8 in a text header is a problem; the text is kept with replacement characters', () => {
    const m = parseErrorMetadata(
      [h('kafka_dlt-original-topic', Buffer.from([0x6f, 0xff, 0x6b])), h('kafka_dlt-exception-message', 'boom')],
      null,
    )
    expect(m.source.topic).toBe('o\uFFFDk')
    expect(m.problems).toEqual(['kafka_dlt-original-topic: not valid UTF-8'])
    expect(m.error.message).toBe('boom')
  })

  it('repeated headers: original-* from the first failure, exception-* from the latest', () => {
    const m = parseErrorMetadata(
      spring(int32(1), int64(10n), [
        h('kafka_dlt-original-topic', 'payments-retry-0'),
        h('kafka_dlt-original-offset', int64(99n)),
        h('kafka_dlt-exception-fqcn', 'java.lang.IllegalStateException'),
        h('kafka_dlt-exception-message', 'second failure'),
      ]),
      null,
    )
    expect(m.source).toMatchObject({ topic: 'payments', offset: '10' })
    expect(m.error).toMatchObject({ type: 'java.lang.IllegalStateException', message: 'second failure' })
  })

  it('key deserialization failures use the kafka_dlt-key-exception-* headers', () => {
    const m = parseErrorMetadata(
      [
        h('kafka_dlt-original-topic', 'payments'),
        h('kafka_dlt-key-exception-fqcn', 'org.springframework.kafka.support.serializer.DeserializationException'),
        h('kafka_dlt-key-exception-message', 'failed to deserialize key'),
        h(
          'kafka_dlt-key-exception-stacktrace',
          'org.springframework.kafka.support.serializer.DeserializationException: x',
        ),
      ],
      null,
    )
    expect(m.error).toMatchObject({
      type: 'org.springframework.kafka.support.serializer.DeserializationException',
      message: 'failed to deserialize key',
      failedOn: 'key',
    })
  })

  it('retryable topics: retry_topic-attempts (binary or text) as attempts', () => {
    expect(parseErrorMetadata(spring(int32(0), int64(0n), [h('retry_topic-attempts', int32(4))]), null).attempts).toBe(
      4,
    )
    expect(parseErrorMetadata(spring(int32(0), int64(0n), [h('retry_topic-attempts', '3')]), null).attempts).toBe(3)
  })

  it('derives the cause type from the trace when the cause header is missing', () => {
    const m = parseErrorMetadata([h('kafka_dlt-exception-stacktrace', SPRING_TRACE)], null)
    expect(m.error.causeType).toBe('java.lang.IllegalArgumentException')
  })
})

describe('Kafka Connect __connect.errors.* headers', () => {
  const connect = (offset: string, extra: RawHeader[] = []) => [
    h('__connect.errors.topic', 'inventory.stock-updated'),
    h('__connect.errors.partition', '2'),
    h('__connect.errors.offset', offset),
    h('__connect.errors.connector.name', 'inventory-connector'),
    h('__connect.errors.task.id', '0'),
    h('__connect.errors.stage', 'VALUE_CONVERTER'),
    h('__connect.errors.class.name', 'org.apache.kafka.connect.json.JsonConverter'),
    h('__connect.errors.exception.class.name', 'org.apache.kafka.connect.errors.DataException'),
    h('__connect.errors.exception.message', 'Converting byte[] to Kafka Connect data failed'),
    h(
      '__connect.errors.exception.stacktrace',
      'org.apache.kafka.connect.errors.DataException: Converting\n\tat a.B.c(B.java:1)\nCaused by: org.apache.kafka.common.errors.SerializationException: bad\n\tat d.E.f(E.java:2)\n',
    ),
    ...extra,
  ]

  it('reads source, error and connector context', () => {
    expect(parseErrorMetadata(connect('12345678901234567890'.slice(0, 19)), { some: 'value' })).toMatchObject({
      style: 'connect',
      source: { topic: 'inventory.stock-updated', partition: 2, offset: '1234567890123456789' },
      error: {
        type: 'org.apache.kafka.connect.errors.DataException',
        causeType: 'org.apache.kafka.common.errors.SerializationException',
        message: 'Converting byte[] to Kafka Connect data failed',
      },
      connect: {
        connector: 'inventory-connector',
        task: 0,
        stage: 'VALUE_CONVERTER',
        className: 'org.apache.kafka.connect.json.JsonConverter',
      },
      problems: [],
    })
  })

  it('numbers are text: 8 binary bytes are a problem, not an offset', () => {
    const headers = connect('0').map((x) => (x.key === '__connect.errors.offset' ? h(x.key, int64(5n)) : x))
    const m = parseErrorMetadata(headers, null)
    expect(m.source.offset).toBeUndefined()
    expect(m.problems).toHaveLength(1)
    expect(m.problems[0]).toContain('__connect.errors.offset')
    expect(m.source.partition).toBe(2)
  })

  it('with both Spring and Connect headers, the ones appended last describe the latest failure', () => {
    const springFirst = [...spring(int32(1), int64(1n)), ...connect('7')]
    expect(parseErrorMetadata(springFirst, null).style).toBe('connect')
    const connectFirst = [...connect('7'), ...spring(int32(1), int64(1n))]
    expect(parseErrorMetadata(connectFirst, null).style).toBe('spring')
  })
})

describe('JSON envelope', () => {
  const envelope = {
    originalEvent: { orderId: 'ORD-1', lineItems: [{ quantity: -1 }] },
    error: {
      type: 'InvalidQuantityError',
      message: 'lineItems[0].quantity must be a positive integer but was -1',
      stackTrace: 'InvalidQuantityError: lineItems[0]...\n    at assertPositiveQuantities (/app/dist/v.js:77:15)',
      timestamp: '2026-01-02T03:04:12.000Z',
    },
    source: { topic: 'orders.order-created', partition: 4, offset: 812, consumerGroup: 'fraud-detector' },
    retryHistory: { attempts: 4, firstAttempt: '2026-01-02T03:04:05.000Z', lastAttempt: '2026-01-02T03:04:12.000Z' },
  }

  it.each([
    ['parsed JSON', envelope],
    ['JSON text', JSON.stringify(envelope)],
  ])('reads %s', (_, value) => {
    expect(parseErrorMetadata([h('content-type', 'application/json')], value)).toMatchObject({
      style: 'envelope',
      source: { topic: 'orders.order-created', partition: 4, offset: '812', consumerGroup: 'fraud-detector' },
      error: { type: 'InvalidQuantityError', message: envelope.error.message, stackTrace: envelope.error.stackTrace },
      attempts: 4,
      firstAttemptAt: '2026-01-02T03:04:05.000Z',
      lastAttemptAt: '2026-01-02T03:04:12.000Z',
      originalValue: envelope.originalEvent,
      problems: [],
    })
  })

  it('keeps a string offset exact beyond 2^53 and flags a rounded numeric one', () => {
    const exact = parseErrorMetadata([], { ...envelope, source: { ...envelope.source, offset: '9007199254740993' } })
    expect(exact.source.offset).toBe('9007199254740993')
    expect(exact.problems).toEqual([])
    const rounded = parseErrorMetadata([], { ...envelope, source: { ...envelope.source, offset: 2 ** 60 } })
    expect(rounded.source.offset).toBe('1152921504606846976')
    expect(rounded.problems[0]).toContain('source.offset')
  })

  it('wrong types are problems; the rest is read', () => {
    const m = parseErrorMetadata([], {
      originalEvent: null,
      error: { type: 42, message: 'boom' },
      source: { topic: 'orders', partition: 'two', offset: 1.5 },
      retryHistory: { attempts: 2, firstAttempt: 'yesterday' },
    })
    expect(m).toMatchObject({ style: 'envelope', source: { topic: 'orders' }, error: { message: 'boom' }, attempts: 2 })
    expect(m.originalValue).toBeNull()
    expect(m.source.partition).toBeUndefined()
    expect(m.error.type).toBeUndefined()
    expect(m.problems).toEqual([
      'source.partition: expected an integer, got "two"',
      'source.offset: expected an integer, got 1.5',
      'error.type: expected a string, got number',
      'retryHistory.firstAttempt: not a time: "yesterday"',
    ])
  })

  it('falls back to error.timestamp for the last attempt', () => {
    const { retryHistory: _, ...rest } = envelope
    expect(parseErrorMetadata([], rest).lastAttemptAt).toBe('2026-01-02T03:04:12.000Z')
  })

  it.each([
    ['an object without error', { originalEvent: 1 }],
    ['error that is a string', { originalEvent: 1, error: 'boom' }],
    ['error without event or source', { error: { message: 'x' } }],
    ['broken JSON text', '{"originalEvent": '],
    ['an array', [{ error: {} }]],
  ])('not an envelope: %s', (_, value) => {
    expect(parseErrorMetadata([], value).style).toBe('unknown')
  })
})

describe('generic headers', () => {
  it('reads x-original-*, x-exception-* and retry counts (case-insensitive)', () => {
    const m = parseErrorMetadata(
      [
        h('X-Original-Topic', 'orders'),
        h('x-original-partition', '1'),
        h('x-original-offset', '9007199254740993'),
        h('x-exception-type', 'ValueError'),
        h('x-exception-message', 'bad value 7'),
        h('x-exception-stacktrace', 'Traceback (most recent call last):\n  File "app.py", line 3'),
        h('x-retry-count', '5'),
      ],
      'payload',
    )
    expect(m).toMatchObject({
      style: 'generic',
      source: { topic: 'orders', partition: 1, offset: '9007199254740993' },
      error: { type: 'ValueError', message: 'bad value 7' },
      attempts: 5,
      problems: [],
    })
  })

  it.each([
    [[h('error', 'it broke')], { message: 'it broke' }],
    [
      [h('error-type', 'E'), h('error-message', 'm'), h('error-stack', 'E: m')],
      { type: 'E', message: 'm', stackTrace: 'E: m' },
    ],
  ])('error* headers %#', (headers, error) => {
    const m = parseErrorMetadata(headers, null)
    expect(m.style).toBe('generic')
    expect(m.error).toMatchObject(error)
  })

  it('retry-count alone does not make a dead letter, but is read; a bad one is a problem', () => {
    expect(parseErrorMetadata([h('retry-count', '2')], null)).toMatchObject({ style: 'unknown', attempts: 2 })
    expect(parseErrorMetadata([h('retry-count', 'many')], null).problems).toEqual([
      'retry-count: expected a 4- or 8-byte big-endian integer or decimal text, got "many" (4 bytes)',
    ])
  })

  it('nothing known: unknown, with a fingerprint of nothing', () => {
    const m = parseErrorMetadata([h('content-type', 'text/plain')], 'hello')
    expect(m).toEqual({ style: 'unknown', source: {}, error: { fingerprint: expect.any(String) }, problems: [] })
  })

  it('never throws on odd input', () => {
    const odd: unknown[] = [undefined, null, 0, 'x', [], {}, { error: null }, Symbol('s')]
    for (const value of odd) expect(() => parseErrorMetadata([h('', null), h('error', null)], value)).not.toThrow()
  })
})
