import avro from 'avsc'
import { type Kafka, type Message, Partitioners } from 'kafkajs'
import { logDemo, retryUntilDone, sleep, warnDemo } from './demo-log'
import { createRng, type Rng } from './prng'

// One topic whose values are Avro in Confluent's wire format (magic 0, schema id, body), with the schema registered
// in a Schema Registry, so the console's registry decoding has something real to show next to the JSON topics.

export const AVRO_PAYMENTS_TOPIC = 'payments.payment-authorized.avro'
export const AVRO_PAYMENTS_SUBJECT = `${AVRO_PAYMENTS_TOPIC}-value`
const PARTITIONS = 3
/** Records written on an empty topic, spread over the last hour, so "from oldest" has rows at once. */
const BACKLOG = 120
const BACKLOG_SPAN_MS = 3_600_000
const TICK_MS = 1_000

export const PAYMENT_AUTHORIZED_SCHEMA = {
  type: 'record',
  name: 'PaymentAuthorized',
  namespace: 'com.example.payments.v1',
  doc: 'A card or wallet payment authorized by the payment service provider.',
  fields: [
    { name: 'paymentId', type: 'string' },
    { name: 'orderId', type: 'string' },
    { name: 'customerId', type: 'string' },
    { name: 'amount', type: 'string', doc: 'Decimal amount in major units with two places, e.g. "129.90".' },
    { name: 'currency', type: 'string', doc: 'ISO 4217 code.' },
    {
      name: 'method',
      type: {
        type: 'enum',
        name: 'PaymentMethod',
        symbols: ['CARD', 'SEPA_DEBIT', 'PAYPAL', 'APPLE_PAY', 'KLARNA', 'BANK_TRANSFER'],
      },
    },
    { name: 'pspReference', type: 'string' },
    { name: 'authorizedAt', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'riskScore', type: ['null', 'double'], default: null, doc: '0..1; null when the check was skipped.' },
  ],
} as const

type PaymentAuthorized = {
  paymentId: string
  orderId: string
  customerId: string
  amount: string
  currency: string
  method: string
  pspReference: string
  authorizedAt: number
  riskScore: number | null
}

const CURRENCY_WEIGHTS = { EUR: 55, USD: 20, GBP: 12, PLN: 8, SEK: 5 } as const
const METHOD_WEIGHTS = { CARD: 45, PAYPAL: 20, SEPA_DEBIT: 12, APPLE_PAY: 12, KLARNA: 8, BANK_TRANSFER: 3 } as const

export type AvroPayments = {
  stop(): Promise<void>
  produced(): number
}

/**
 * Creates the topic, registers the schema (subject `<topic>-value`), writes a backlog on an empty topic and then
 * produces about `perSecond` framed records per second until stopped. Resolves once set-up is done.
 */
export async function startAvroPayments(
  kafka: Kafka,
  registryUrl: string,
  { perSecond = 1, signal }: { perSecond?: number; signal?: AbortSignal } = {},
): Promise<AvroPayments> {
  const abort = new AbortController()
  signal?.addEventListener('abort', () => abort.abort(), { once: true })
  const type = avro.Type.forSchema(PAYMENT_AUTHORIZED_SCHEMA as unknown as avro.Schema)
  const rng = createRng(Date.now())
  const producer = kafka.producer({
    idempotent: true,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
    retry: { retries: 8, initialRetryTime: 300, maxRetryTime: 5_000 },
  })
  let produced = 0

  const setUp = await retryUntilDone(
    'avro topic set-up',
    async () => {
      const schemaId = await registerSchema(registryUrl)
      const empty = await ensureTopic(kafka)
      await producer.connect()
      if (empty) {
        const now = Date.now()
        const messages = Array.from({ length: BACKLOG }, (_, i) =>
          toMessage(rng, type, schemaId, payment(rng, now - BACKLOG_SPAN_MS + (i * BACKLOG_SPAN_MS) / BACKLOG)),
        )
        await producer.send({ topic: AVRO_PAYMENTS_TOPIC, acks: -1, messages })
        produced += messages.length
      }
      return schemaId
    },
    abort.signal,
  )
  if (setUp === undefined) {
    await producer.disconnect().catch(() => undefined)
    return { stop: async () => {}, produced: () => produced }
  }
  const schemaId = setUp
  logDemo(`${AVRO_PAYMENTS_TOPIC}: Avro schema ${schemaId} registered as ${AVRO_PAYMENTS_SUBJECT}`)

  const loop = async () => {
    let due = 0
    while (!abort.signal.aborted) {
      due += perSecond * (TICK_MS / 1000)
      const count = Math.floor(due)
      due -= count
      if (count > 0) {
        const messages = Array.from({ length: count }, () => toMessage(rng, type, schemaId, payment(rng, Date.now())))
        try {
          await producer.send({ topic: AVRO_PAYMENTS_TOPIC, acks: -1, messages })
          produced += count
        } catch (err) {
          warnDemo('avro produce failed, dropping this tick', err)
        }
      }
      await sleep(TICK_MS, abort.signal)
    }
  }
  const running = loop()
  return {
    produced: () => produced,
    stop: async () => {
      abort.abort()
      await running
      await producer.disconnect().catch((err) => warnDemo('avro producer disconnect', err))
    },
  }
}

/** Registers the schema (idempotent in the registry: the same schema gives back the same id). */
async function registerSchema(registryUrl: string): Promise<number> {
  const res = await fetch(`${registryUrl}/subjects/${encodeURIComponent(AVRO_PAYMENTS_SUBJECT)}/versions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ schema: JSON.stringify(PAYMENT_AUTHORIZED_SCHEMA) }),
    signal: AbortSignal.timeout(10_000),
  })
  if (!res.ok) throw new Error(`registering ${AVRO_PAYMENTS_SUBJECT}: HTTP ${res.status} ${await res.text()}`)
  return ((await res.json()) as { id: number }).id
}

/** Creates the topic when missing; true when it holds no records yet. */
async function ensureTopic(kafka: Kafka): Promise<boolean> {
  const admin = kafka.admin()
  await admin.connect()
  try {
    if (!(await admin.listTopics()).includes(AVRO_PAYMENTS_TOPIC)) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: [
          {
            topic: AVRO_PAYMENTS_TOPIC,
            numPartitions: PARTITIONS,
            configEntries: [{ name: 'retention.ms', value: String(14 * 86_400_000) }],
          },
        ],
      })
      return true
    }
    const offsets = await admin.fetchTopicOffsets(AVRO_PAYMENTS_TOPIC)
    return offsets.every((p) => Number(p.high) === 0)
  } finally {
    await admin.disconnect().catch(() => undefined)
  }
}

function payment(rng: Rng, at: number): PaymentAuthorized {
  const method = rng.weighted(METHOD_WEIGHTS)
  return {
    paymentId: `pay_${rng.uuid()}`,
    orderId: `ORD-${rng.code(8)}`,
    customerId: `cus_${rng.code(10).toLowerCase()}`,
    amount: rng.float(4.5, 1_200, 2).toFixed(2),
    currency: rng.weighted(CURRENCY_WEIGHTS),
    method,
    pspReference: `psp_${rng.code(16)}`,
    authorizedAt: Math.round(at),
    // Wallet payments are pre-authenticated, so the risk check is skipped for some of them.
    riskScore: method === 'APPLE_PAY' && rng.chance(0.5) ? null : rng.float(0, 1, 3),
  }
}

function toMessage(rng: Rng, type: avro.Type, schemaId: number, p: PaymentAuthorized): Message {
  const header = Buffer.alloc(5)
  header.writeUInt32BE(schemaId, 1)
  return {
    key: p.orderId,
    value: Buffer.concat([header, type.toBuffer(p)]),
    timestamp: String(p.authorizedAt),
    headers: {
      'correlation-id': rng.uuid(),
      'event-type': 'PaymentAuthorized',
      'content-type': 'application/vnd.confluent.avro',
      'source-service': 'payment-gateway',
    },
  }
}
