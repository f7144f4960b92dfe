import 'server-only'
import { createAPI, produceV11, Writer } from '@platformatic/kafka'

// Produce v11 (Kafka 2.8–4.x) carrying record batches already encoded by encode-record-batch.ts; the response is
// parsed by @platformatic/kafka's own v11 parser (it throws a ResponseError on any partition error).

export type PrebuiltTopicData = { topic: string; partitions: { partition: number; batch: Buffer }[] }[]

function createRequest(acks: number, timeoutMs: number, topics: PrebuiltTopicData): Writer {
  const w = Writer.create().appendString(null).appendInt16(acks).appendInt32(timeoutMs)
  w.appendUnsignedVarInt(topics.length + 1)
  for (const t of topics) {
    w.appendString(t.topic).appendUnsignedVarInt(t.partitions.length + 1)
    for (const p of t.partitions) {
      w.appendInt32(p.partition)
        .appendUnsignedVarInt(p.batch.length + 1)
        .append(p.batch)
        .appendTaggedFields()
    }
    w.appendTaggedFields()
  }
  return w.appendTaggedFields()
}

export const producePrebuiltV11 = createAPI<
  [acks: number, timeoutMs: number, topics: PrebuiltTopicData],
  produceV11.ProduceResponse
>(0, 11, createRequest, produceV11.parseResponse)
