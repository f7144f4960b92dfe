import type { IHeaders, KafkaMessage, Message } from 'kafkajs'
import { connectTrace, nodeTrace, SPRING_CAUSE_FRAMES, springListenerTrace } from './stack-traces'
import { DEMO_TOPIC } from './topics'
import type { EventProblem } from './validate-events'

/** A consumed record the fraud detector could not process. */
export type FailedRecord = { topic: string; partition: number; message: KafkaMessage }

export type DeadLetter = { topic: string; message: Message }

/** Picks the DLQ convention of the (pretend) service that owns each source topic. */
export function deadLetterFor(record: FailedRecord, problem: EventProblem, consumerGroup: string): DeadLetter {
  if (record.topic === DEMO_TOPIC.inventory) return connectDeadLetter(record, problem)
  if (record.topic === DEMO_TOPIC.orders) return jsonEnvelopeDeadLetter(record, problem, consumerGroup)
  return springDeadLetter(record, problem, consumerGroup)
}

const LISTENER_EXCEPTION = 'org.springframework.kafka.listener.ListenerExecutionFailedException'
const LISTENER_METHOD =
  'public void com.acme.fraud.listener.PaymentListener.onPayment(com.acme.fraud.model.PaymentProcessed)'

/**
 * Spring Kafka's DeadLetterPublishingRecoverer output: the original key, value and headers to `<topic>.DLT` on the
 * same partition, plus kafka_dlt-* headers with numbers as big-endian binary, exactly as Spring writes them.
 */
export function springDeadLetter(record: FailedRecord, problem: EventProblem, consumerGroup: string): DeadLetter {
  const cause = springCauseOf(problem)
  const deserialization = problem.code === 'malformed-json'
  const message = deserialization
    ? `Listener failed; nested exception is ${cause.className}: ${cause.message}`
    : `Listener method '${LISTENER_METHOD}' threw exception; nested exception is ${cause.className}: ${cause.message}`
  const { message: original } = record
  return {
    topic: `${record.topic}.DLT`,
    message: {
      partition: record.partition,
      key: original.key,
      value: original.value,
      headers: {
        ...copyHeaders(original.headers),
        'kafka_dlt-original-topic': record.topic,
        'kafka_dlt-original-partition': int32(record.partition),
        'kafka_dlt-original-offset': int64(original.offset),
        'kafka_dlt-original-timestamp': int64(original.timestamp),
        'kafka_dlt-original-timestamp-type': 'CreateTime',
        'kafka_dlt-original-consumer-group': consumerGroup,
        'kafka_dlt-exception-fqcn': LISTENER_EXCEPTION,
        'kafka_dlt-exception-cause-fqcn': cause.className,
        'kafka_dlt-exception-message': message,
        'kafka_dlt-exception-stacktrace': springListenerTrace(
          LISTENER_EXCEPTION,
          message,
          cause.className,
          cause.message,
          cause.frames,
        ),
      },
    },
  }
}

function springCauseOf(problem: EventProblem): { className: string; message: string; frames: readonly string[] } {
  switch (problem.code) {
    case 'malformed-json':
      return {
        className: 'org.springframework.kafka.support.serializer.DeserializationException',
        message: `failed to deserialize; nested exception is com.fasterxml.jackson.core.io.JsonEOFException: Unexpected end-of-input: expected close marker for Object (start marker at [Source: (byte[]); line: 1, column: 1])`,
        frames: SPRING_CAUSE_FRAMES.deserializer,
      }
    case 'unsupported-currency':
      return {
        className: 'com.acme.fraud.payment.UnsupportedCurrencyException',
        message: problem.message,
        frames: SPRING_CAUSE_FRAMES.currency,
      }
    case 'missing-order-id':
      return {
        className: 'java.lang.NullPointerException',
        message:
          'Cannot invoke "String.isBlank()" because the return value of "com.acme.fraud.model.PaymentProcessed.orderId()" is null',
        frames: SPRING_CAUSE_FRAMES.nullOrder,
      }
    default:
      return {
        className: 'java.lang.IllegalArgumentException',
        message: problem.message,
        frames: SPRING_CAUSE_FRAMES.validator,
      }
  }
}

/** The sink connector the Connect-style dead letters pretend to come from. */
export const INVENTORY_CONNECTOR = { name: 'inventory-connector', taskId: 0 }

/**
 * A Kafka Connect sink's DLQ record with errors.deadletterqueue.context.headers.enable=true: the original raw key,
 * value, headers and timestamp, plus __connect.errors.* headers whose numbers are decimal strings.
 */
export function connectDeadLetter(record: FailedRecord, problem: EventProblem): DeadLetter {
  const failure = connectFailureOf(problem)
  const { message: original } = record
  const headers: IHeaders = {
    ...copyHeaders(original.headers),
    '__connect.errors.topic': record.topic,
    '__connect.errors.partition': String(record.partition),
    '__connect.errors.offset': original.offset,
    '__connect.errors.connector.name': INVENTORY_CONNECTOR.name,
    '__connect.errors.task.id': String(INVENTORY_CONNECTOR.taskId),
    '__connect.errors.stage': failure.stage,
    '__connect.errors.class.name': failure.executingClass,
    '__connect.errors.exception.class.name': failure.exceptionClass,
    '__connect.errors.exception.message': failure.message,
    '__connect.errors.exception.stacktrace': connectTrace(
      failure.exceptionClass,
      failure.message,
      failure.frames,
      failure.cause,
    ),
  }
  return {
    topic: DEMO_TOPIC.inventoryConnectDlq,
    message: { key: original.key, value: original.value, timestamp: original.timestamp, headers },
  }
}

type ConnectFailure = {
  stage: 'VALUE_CONVERTER' | 'TRANSFORMATION'
  executingClass: string
  exceptionClass: string
  message: string
  frames: readonly string[]
  cause?: { className: string; message: string; frames: readonly string[] }
}

function connectFailureOf(problem: EventProblem): ConnectFailure {
  const value = problem.parsed as Record<string, unknown> | null
  if (problem.code === 'quantity-not-a-number') {
    return {
      stage: 'TRANSFORMATION',
      executingClass: 'org.apache.kafka.connect.transforms.Cast$Value',
      exceptionClass: 'java.lang.NumberFormatException',
      message: problem.message,
      frames: [
        'java.base/java.lang.NumberFormatException.forInputString(NumberFormatException.java:67)',
        'java.base/java.lang.Integer.parseInt(Integer.java:662)',
        'java.base/java.lang.Integer.valueOf(Integer.java:989)',
        'org.apache.kafka.connect.transforms.Cast.castToInt32(Cast.java:313)',
        'org.apache.kafka.connect.transforms.Cast.castValueToType(Cast.java:268)',
        'org.apache.kafka.connect.transforms.Cast.applySchemaless(Cast.java:160)',
        'org.apache.kafka.connect.transforms.Cast.apply(Cast.java:146)',
        'org.apache.kafka.connect.runtime.TransformationStage.apply(TransformationStage.java:57)',
        'org.apache.kafka.connect.runtime.TransformationChain.lambda$transform$0(TransformationChain.java:54)',
      ],
    }
  }
  if (problem.code === 'bad-timestamp') {
    return {
      stage: 'TRANSFORMATION',
      executingClass: 'org.apache.kafka.connect.transforms.TimestampConverter$Value',
      exceptionClass: 'org.apache.kafka.connect.errors.DataException',
      message: problem.message,
      frames: [
        'org.apache.kafka.connect.transforms.TimestampConverter$1.toRaw(TimestampConverter.java:127)',
        'org.apache.kafka.connect.transforms.TimestampConverter.convertTimestamp(TimestampConverter.java:474)',
        'org.apache.kafka.connect.transforms.TimestampConverter.applySchemaless(TimestampConverter.java:419)',
        'org.apache.kafka.connect.transforms.TimestampConverter.apply(TimestampConverter.java:318)',
        'org.apache.kafka.connect.runtime.TransformationStage.apply(TransformationStage.java:57)',
        'org.apache.kafka.connect.runtime.TransformationChain.lambda$transform$0(TransformationChain.java:54)',
      ],
      cause: {
        className: 'java.text.ParseException',
        message: `Unparseable date: "${value?.occurredAt ?? ''}"`,
        frames: ['java.base/java.text.DateFormat.parse(DateFormat.java:399)'],
      },
    }
  }
  const column = (problem.position ?? 0) + 1
  return {
    stage: 'VALUE_CONVERTER',
    executingClass: 'org.apache.kafka.connect.json.JsonConverter',
    exceptionClass: 'org.apache.kafka.connect.errors.DataException',
    message: 'Converting byte[] to Kafka Connect data failed due to serialization error: ',
    frames: [
      'org.apache.kafka.connect.json.JsonConverter.toConnectData(JsonConverter.java:333)',
      'org.apache.kafka.connect.storage.Converter.toConnectData(Converter.java:91)',
      'org.apache.kafka.connect.runtime.WorkerSinkTask.lambda$convertAndTransformRecord$4(WorkerSinkTask.java:539)',
    ],
    cause: {
      className: 'org.apache.kafka.common.errors.SerializationException',
      message: `com.fasterxml.jackson.core.JsonParseException: Unexpected character (',' (code 44)): was expecting double-quote to start field name\n at [Source: (byte[]); line: 1, column: ${column}]`,
      frames: [
        'org.apache.kafka.connect.json.JsonDeserializer.deserialize(JsonDeserializer.java:69)',
        'org.apache.kafka.connect.json.JsonConverter.toConnectData(JsonConverter.java:331)',
      ],
    },
  }
}

const ENVELOPE_ERROR_TYPES: Record<string, { type: string; frame: string }> = {
  'negative-quantity': {
    type: 'InvalidQuantityError',
    frame: 'assertPositiveQuantities (/app/dist/orders/validate-order.js:77:15)',
  },
  'missing-customer': { type: 'MissingFieldError', frame: 'requireField (/app/dist/orders/validate-order.js:23:11)' },
  'amount-mismatch': {
    type: 'AmountMismatchError',
    frame: 'assertTotalsMatch (/app/dist/orders/validate-order.js:102:13)',
  },
}

/** Backoff of the (simulated) in-process retries before a Node service gives up and dead-letters an order. */
const RETRY_BACKOFF_MS = [1_000, 2_000, 4_000]

/** The hand-rolled convention many Node/Python services use: a JSON envelope around the failed event. */
export function jsonEnvelopeDeadLetter(
  record: FailedRecord,
  problem: EventProblem,
  consumerGroup: string,
  now = Date.now(),
): DeadLetter {
  const { message: original } = record
  const kind = ENVELOPE_ERROR_TYPES[problem.code] ?? {
    type: 'SyntaxError',
    frame: 'JSON.parse (<anonymous>)',
  }
  const attempts = RETRY_BACKOFF_MS.length + 1
  const envelope = {
    originalEvent: problem.parsed ?? original.value?.toString('utf8') ?? null,
    error: {
      type: kind.type,
      message: problem.message,
      stackTrace: nodeTrace(kind.type, problem.message, kind.frame),
      timestamp: new Date(now).toISOString(),
    },
    source: {
      topic: record.topic,
      partition: record.partition,
      offset: Number(original.offset),
      consumerGroup,
    },
    retryHistory: {
      attempts,
      firstAttempt: new Date(now - RETRY_BACKOFF_MS.reduce((a, b) => a + b, 0)).toISOString(),
      lastAttempt: new Date(now).toISOString(),
    },
  }
  return {
    topic: DEMO_TOPIC.ordersDlq,
    message: {
      key: original.key,
      value: JSON.stringify(envelope),
      headers: {
        'correlation-id': headerText(original.headers?.['correlation-id']) ?? '',
        'event-type': 'OrderDeadLettered',
        'content-type': 'application/json',
        'source-service': consumerGroup,
      },
    },
  }
}

function copyHeaders(headers: IHeaders | undefined): IHeaders {
  return { ...(headers ?? {}) }
}

function headerText(value: IHeaders[string]): string | undefined {
  const first = Array.isArray(value) ? value[0] : value
  return first === undefined ? undefined : first.toString()
}

/** Java's ByteBuffer.putInt: 4 bytes, big-endian. */
function int32(n: number): Buffer {
  const buf = Buffer.alloc(4)
  buf.writeInt32BE(n)
  return buf
}

/** Java's ByteBuffer.putLong: 8 bytes, big-endian. */
function int64(n: string | number): Buffer {
  const buf = Buffer.alloc(8)
  buf.writeBigInt64BE(BigInt(n))
  return buf
}
