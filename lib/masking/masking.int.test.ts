import type { Producer } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { type Principal, runWithPrincipal } from '@/lib/auth/request-context'
import { replaceConfig } from '@/lib/config'
import { FerryConfigSchema } from '@/lib/config/schema'
import { closeAllClients } from '@/lib/kafka/client'
import { exportMessages } from '@/lib/messages/export/export-messages'
import { scanMessages } from '@/lib/messages/scan/scan-messages'
import { type TailEvent, tailMessages } from '@/lib/messages/tail/tail-messages'
import type { DecodedMessage, ScanRequest } from '@/lib/messages/types'
import { until } from '../../test/consumer-group-cli'
import { createTopicsAndWait, testKafka, uniqueName } from '../../test/test-cluster'
import { applyMasking } from './apply-masking'

// Masked fields never leave through the explorer, exports, the live tail or a filter probe; unmasked fields do.

const topic = uniqueName('payments') // the rules name exactly this topic
const dlq = `${topic}.DLT` // a DLQ of it: covered by the same rules through its source topic
const other = uniqueName('plain') // no rule

const CARD = '4111111111111111'
const EMAIL = 'jane@example.com'
const TOKEN = 'Bearer s3cr3t-token'
const KEY = 'cust-987654321234'
const SECRETS = [CARD, EMAIL, TOKEN, '987654321234']

const paymentOf = (n: number) => ({
  n,
  amount: 10 * n,
  card: { number: CARD, brand: 'visa' },
  customer: { email: EMAIL },
})
const recordsOf = (n: number[]) =>
  n.map((i) => ({
    key: KEY,
    value: JSON.stringify(paymentOf(i)),
    headers: { authorization: TOKEN, trace: `t-${i}` },
  }))

let producer: Producer

beforeAll(async () => {
  const bootstrap = inject('kafkaBootstrap')
  replaceConfig({
    source: 'test',
    config: FerryConfigSchema.parse({
      clusters: [
        {
          id: 'test',
          brokers: bootstrap.split(','),
          // Cluster rules run after the global ones.
          masking: [{ topics: [topic], key: { regex: '\\d{8}(\\d{4})', replace: '********$1' } }],
        },
      ],
      masking: [
        {
          topics: [topic],
          value: { jsonPaths: ['$.card.number', '$..email'] },
          headers: { names: ['Authorization'], action: 'remove' },
          exemptRoles: ['admin'],
        },
      ],
    }),
  })
  producer = testKafka().producer({ idempotent: true, maxInFlightRequests: 1 })
  await producer.connect()
  await createTopicsAndWait(bootstrap.split(','), [{ topic }, { topic: dlq }, { topic: other }])
  for (const t of [topic, dlq, other]) await producer.send({ topic: t, acks: -1, messages: recordsOf([1, 2, 3]) })
}, 60_000)

afterAll(async () => {
  await producer?.disconnect()
  await closeAllClients()
})

const request = (partial: Partial<ScanRequest> = {}): ScanRequest => ({
  start: { from: 'oldest' },
  direction: 'forward',
  limit: 100,
  maxScan: 1_000,
  maxMs: 10_000,
  ...partial,
})

async function scan(t: string, partial: Partial<ScanRequest> = {}, principal: Principal | null = null) {
  const events = runWithPrincipal(principal, undefined, () => scanMessages('test', t, request(partial)))
  const messages: DecodedMessage[] = []
  for await (const e of events) if (e.type === 'messages') messages.push(...e.messages)
  return messages
}

/** Everything a client could read out of the messages: every field, and every base64 form decoded. */
function everything(messages: DecodedMessage[]): string {
  const bytes = messages.flatMap((m) =>
    [m.key, m.value, ...m.headers.map((h) => h.value)].map((d) => Buffer.from(d.base64, 'base64').toString('latin1')),
  )
  return [JSON.stringify(messages), ...bytes].join('\n')
}

function expectMasked(text: string) {
  for (const secret of SECRETS) expect(text).not.toContain(secret)
}

describe('masking on every output path', () => {
  it('explorer scans show masked fields masked (every form) and the rest as is', async () => {
    for (const direction of ['forward', 'backward'] as const) {
      for (const valueFormat of ['auto', 'text', 'hex', 'base64'] as const) {
        const start = direction === 'forward' ? ({ from: 'oldest' } as const) : ({ from: 'newest' } as const)
        const messages = await scan(topic, { direction, start, valueFormat, keyFormat: valueFormat })
        expect(messages).toHaveLength(3)
        expectMasked(everything(messages))
        for (const m of messages) {
          const value = JSON.parse(Buffer.from(m.value.base64, 'base64').toString())
          expect(value.card).toEqual({ number: '****', brand: 'visa' })
          expect(value.customer.email).toBe('****')
          expect(Buffer.from(m.key.base64, 'base64').toString()).toBe('cust-********1234')
          expect(m.headers.map((h) => h.key)).toEqual(['trace'])
        }
        expect(messages.map((m) => JSON.parse(Buffer.from(m.value.base64, 'base64').toString()).amount)).toEqual(
          direction === 'forward' ? [10, 20, 30] : expect.arrayContaining([10, 20, 30]),
        )
      }
    }
  }, 30_000)

  it('filters see masked values: probing a masked field finds nothing, unmasked fields still filter', async () => {
    const probes = [
      { cel: `value.card.number == "${CARD}"` },
      { cel: `value.card.number.startsWith("4111")` },
      { cel: `value.customer.email.contains("jane")` },
      { cel: `key.contains("9876")` },
      { cel: `"authorization" in headers` },
      { contains: CARD },
      { contains: 'jane@' },
      { contains: 's3cr3t' },
    ]
    for (const filter of probes) expect(await scan(topic, { filter }), JSON.stringify(filter)).toHaveLength(0)
    expect(await scan(topic, { filter: { cel: 'value.amount >= 20 && value.card.brand == "visa"' } })).toHaveLength(2)
    expect(await scan(topic, { filter: { cel: 'headers["trace"] == "t-3"' } })).toHaveLength(1)
  }, 30_000)

  it('an exempt role sees (and can filter on) the data; other roles and no sign-in do not', async () => {
    const admin = { name: 'ada', roles: ['viewer', 'admin'] }
    const shown = await scan(topic, { filter: { cel: `value.card.number == "${CARD}"` } }, admin)
    expect(shown).toHaveLength(3)
    expect(everything(shown)).toContain(CARD)
    expect(everything(shown)).toContain(TOKEN)
    // The cluster's key rule exempts nobody.
    expect(everything(shown)).not.toContain('987654321234')
    expectMasked(everything(await scan(topic, {}, { name: 'vic', roles: ['viewer'] })))
    expectMasked(everything(await scan(topic, {}, null)))
  }, 30_000)

  it('a DLQ of a masked topic is masked by the same rules; an unrelated topic is not', async () => {
    expectMasked(everything(await scan(dlq)))
    const plain = everything(await scan(other))
    for (const secret of SECRETS) expect(plain).toContain(secret)
  }, 30_000)

  it.each(['ndjson', 'csv'] as const)(
    'exports (%s) hold no masked field',
    async (format) => {
      const body = await new Response(await exportMessages('test', topic, request(), format)).text()
      expectMasked(body)
      expect(body).toContain('visa')
      expect(body).toContain('t-2')
      expect(body.match(/\*\*\*\*/g)?.length).toBeGreaterThanOrEqual(6)
      const binary = await new Response(
        await exportMessages('test', topic, request({ valueFormat: 'hex', keyFormat: 'base64' }), format),
      ).text()
      expectMasked(binary)
      for (const b64 of binary.match(/[A-Za-z0-9+/]{16,}={0,2}/g) ?? []) {
        expectMasked(Buffer.from(b64, 'base64').toString('latin1'))
      }
    },
    30_000,
  )

  it('the live tail sends new records masked, and a filter probe cannot find them', async () => {
    const abort = new AbortController()
    const drain = (events: AsyncGenerator<TailEvent>) => {
      const state = { messages: [] as DecodedMessage[], progress: 0, scanned: 0 }
      const done = (async () => {
        for await (const e of events) {
          if (e.type === 'messages') state.messages.push(...e.messages)
          else {
            state.progress++
            state.scanned = e.progress.scanned
          }
        }
      })()
      return { state, done }
    }
    const shown = drain(
      runWithPrincipal(null, undefined, () => tailMessages('test', topic, { maxMs: 20_000 }, abort.signal)),
    )
    const probe = drain(
      tailMessages('test', topic, { maxMs: 20_000, filter: { cel: `value.card.number == "${CARD}"` } }, abort.signal),
    )
    await until(
      'tails started',
      () => Math.min(shown.state.progress, probe.state.progress),
      (n) => n >= 1,
      10_000,
    )
    await producer.send({ topic, acks: -1, messages: recordsOf([4, 5]) })
    await until(
      'both tails read the new records',
      () => Math.min(shown.state.messages.length, probe.state.scanned),
      (n) => n >= 2,
      10_000,
    )
    abort.abort()
    await Promise.all([shown.done, probe.done])
    expect(shown.state.messages.map((m) => (m.value.json as { amount: number }).amount)).toEqual([40, 50])
    expectMasked(everything(shown.state.messages))
    expect(probe.state.messages).toHaveLength(0)
  }, 30_000)

  it('applyMasking (the DLQ detail path) masks a message read elsewhere', async () => {
    const [raw] = await scan(other)
    if (!raw) throw new Error('no message')
    const masked = applyMasking('test', dlq, raw)
    expectMasked(everything([masked]))
    expect(everything([raw])).toContain(CARD)
    const asAdmin = runWithPrincipal({ name: 'ada', roles: ['admin'] }, undefined, () => applyMasking('test', dlq, raw))
    expect(everything([asAdmin])).toContain(CARD)
    expect(everything([asAdmin])).not.toContain('987654321234')
    expect(applyMasking('test', other, raw)).toBe(raw)
  }, 30_000)
})
