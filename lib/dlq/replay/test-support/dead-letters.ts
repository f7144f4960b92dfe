// Test data: Spring-style dead letters (kafka_dlt-* headers, numbers big-endian) of a source topic.
import type { Message } from 'kafkajs'

export function int32(n: number): Buffer {
  const b = Buffer.alloc(4)
  b.writeInt32BE(n)
  return b
}

export function int64(n: number | bigint): Buffer {
  const b = Buffer.alloc(8)
  b.writeBigInt64BE(BigInt(n))
  return b
}

/** A dead letter of `sourceTopic`/`partition`/`offset`, sent to the same partition of the DLQ. */
export function springDeadLetter(
  sourceTopic: string,
  partition: number,
  offset: number,
  value: string,
  extraHeaders: Record<string, string | Buffer> = {},
): Message {
  return {
    partition,
    key: `key-${offset}`,
    value,
    headers: {
      'trace-id': `t-${offset}`,
      'kafka_dlt-original-topic': sourceTopic,
      'kafka_dlt-original-partition': int32(partition),
      'kafka_dlt-original-offset': int64(offset),
      'kafka_dlt-original-timestamp': int64(Date.now()),
      'kafka_dlt-original-consumer-group': 'payments',
      'kafka_dlt-exception-fqcn': 'org.springframework.kafka.listener.ListenerExecutionFailedException',
      'kafka_dlt-exception-message': 'Listener failed',
      ...extraHeaders,
    },
  }
}
