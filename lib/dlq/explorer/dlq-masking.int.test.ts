import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { replaceConfig } from '@/lib/config'
import { FerryConfigSchema } from '@/lib/config/schema'
import { closeAllClients } from '@/lib/kafka/client'
import { createTopicsAndWait, testKafka, uniqueName } from '@/test/test-cluster'
import { getDlqDashboard } from '../dashboard/get-dlq-dashboard'
import { springDeadLetter } from '../replay/test-support/dead-letters'
import { getDeadLetterDetail } from './get-dead-letter-detail'
import { listDeadLetters } from './list-dead-letters'
import { MASKED_TEXT } from './mask-error-text'
import { matchingDeadLetters } from './matching-dead-letters'

// A masking rule on the header the error message comes from: the DLQ rows, the dashboard's error groups and the
// free-text filter must not show (or find) that text. The same error in a topic without the rule stays visible.

const run = uniqueName('dlqmask').replace(/[^a-zA-Z0-9-]/g, '-')
const maskedDlq = `secret-${run}.DLT`
const plainDlq = `plain-${run}.DLT`
// Letters only: the index normalises numbers and hex ids out of its sample messages.
const marker = `zanzibar${[...run.slice(-8)].map((c) => String.fromCharCode(103 + (Number.parseInt(c, 16) || 0))).join('')}`
const MESSAGE = `card rejected ${marker}`
const N = 3

beforeAll(async () => {
  const bootstrap = inject('kafkaBootstrap').split(',')
  replaceConfig({
    source: 'test',
    config: FerryConfigSchema.parse({
      clusters: [
        {
          id: 'test',
          brokers: bootstrap,
          masking: [{ topics: [`secret-${run}`], headers: { names: ['kafka_dlt-exception-message'] } }],
        },
      ],
    }),
  })
  await createTopicsAndWait(bootstrap, [
    { topic: maskedDlq, numPartitions: 1 },
    { topic: plainDlq, numPartitions: 1 },
  ])
  const producer = testKafka().producer({ idempotent: true, maxInFlightRequests: 1 })
  await producer.connect()
  const letters = (source: string) =>
    Array.from({ length: N }, (_, i) =>
      springDeadLetter(source, 0, i, '{}', { 'kafka_dlt-exception-message': MESSAGE }),
    )
  await producer.send({ topic: maskedDlq, acks: -1, messages: letters(`secret-${run}`) })
  await producer.send({ topic: plainDlq, acks: -1, messages: letters(`plain-${run}`) })
  await producer.disconnect()
}, 30_000)

afterAll(async () => {
  await closeAllClients()
})

/** The rows once the index has both topics (it reads incrementally). */
async function rowsOf(topic: string, text?: string) {
  const deadline = Date.now() + 20_000
  for (;;) {
    const page = await listDeadLetters('test', { topic, text }, 50)
    if ((page.indexing.complete && page.rows.length > 0) || text !== undefined || Date.now() > deadline) return page
    await new Promise((r) => setTimeout(r, 200))
  }
}

describe('masking of dead-letter error text', () => {
  it('hides a masked header-derived message in rows, filters and the dashboard', async () => {
    const masked = await rowsOf(maskedDlq)
    expect(masked.rows).toHaveLength(N)
    for (const row of masked.rows) {
      expect(row.error.message).toBe(MASKED_TEXT)
      expect(row.error.type).toBe('org.springframework.kafka.listener.ListenerExecutionFailedException')
    }
    const plain = await rowsOf(plainDlq)
    expect(plain.rows).toHaveLength(N)
    expect(plain.rows[0]?.error.message).toBe(MESSAGE)

    // The free-text filter sees what the user sees: the masked text is not found in the masked topic.
    expect((await rowsOf(maskedDlq, marker)).totalMatching).toBe(0)
    expect((await rowsOf(plainDlq, marker)).totalMatching).toBe(N)

    // One error group spans both topics: hidden on one, hidden in the group.
    const dashboard = await getDlqDashboard('test')
    const group = dashboard.byError.find((g) => g.topics.includes(maskedDlq))
    expect(group?.message).toBe(MASKED_TEXT)
    expect(JSON.stringify(dashboard)).not.toContain(marker)
  })

  it('CEL filters, "all matching" selections and the detail see the masked record only', async () => {
    await rowsOf(maskedDlq)
    const probe = `headers["kafka_dlt-exception-message"].contains("${marker}")`
    expect((await listDeadLetters('test', { topic: maskedDlq, cel: probe }, 50)).rows).toHaveLength(0)
    expect((await listDeadLetters('test', { topic: plainDlq, cel: probe }, 50)).rows).toHaveLength(N)
    expect(await matchingDeadLetters('test', maskedDlq, { cel: probe })).toHaveLength(0)
    expect(await matchingDeadLetters('test', maskedDlq, { text: marker })).toHaveLength(0)
    expect(await matchingDeadLetters('test', plainDlq, { cel: probe })).toHaveLength(N)
    const detail = await getDeadLetterDetail('test', maskedDlq, 0, '0')
    expect(JSON.stringify(detail)).not.toContain(marker)
  })
})
