import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { GET as exportAudit } from '../app/api/clusters/[clusterId]/audit/export/route'
import { GET as getAudit } from '../app/api/clusters/[clusterId]/audit/route'
import type { AuditPage } from '../lib/audit/audit-query'
import { recordAudit } from '../lib/audit/record-audit'
import type { AuditEntry } from '../lib/audit/types'
import { replaceConfig } from '../lib/config'
import { FerryConfigSchema } from '../lib/config/schema'
import { closeAllClients } from '../lib/kafka/client'
import { uniqueName } from './test-cluster'

const params = (clusterId: string) => ({ params: Promise.resolve({ clusterId }) })
const req = (path: string) => new Request(`http://127.0.0.1${path}`)

async function page(query: string): Promise<AuditPage> {
  const res = await getAudit(req(`/api/clusters/test/audit?${query}`), params('test'))
  expect(res.status).toBe(200)
  return (await res.json()) as AuditPage
}

// The audit viewer's routes against the real broker, on an audit topic of its own (a unique state-topic prefix).
describe('audit viewer routes', () => {
  const topic = uniqueName('audited')
  beforeAll(() => {
    replaceConfig({
      config: FerryConfigSchema.parse({
        stateTopicPrefix: `${uniqueName('_ferry-audit-test')}.`,
        clusters: [
          { id: 'test', brokers: inject('kafkaBootstrap').split(',') },
          { id: 'offline', brokers: ['127.0.0.1:1'], connectionTimeoutMs: 300 },
        ],
      }),
      source: 'test',
    })
  })
  afterAll(closeAllClients)

  it('says the trail is missing before anything was audited', async () => {
    const p = await page('')
    expect(p.status).toEqual({ state: 'missing' })
    expect(p.entries).toEqual([])
  })

  it('filters, pages newest first and exports what was recorded', async () => {
    const inputs = [
      { actor: 'ann', action: 'topic.create', target: { topic }, result: 'ok' as const, summary: `Created ${topic}` },
      {
        actor: 'bob',
        action: 'group.reset-offsets',
        target: { group: 'billing', topic },
        result: 'error' as const,
        error: 'GROUP_NOT_EMPTY',
        summary: 'Reset offsets of billing',
      },
      {
        actor: 'ann',
        action: 'topic.alter-configs',
        target: { topic },
        result: 'ok' as const,
        summary: 'Changed retention',
      },
      {
        actor: 'cid',
        action: 'topic.delete',
        target: { topic: 'other' },
        result: 'ok' as const,
        summary: 'Deleted other',
      },
    ]
    for (const input of inputs) {
      expect(await recordAudit('test', { ...input, params: { marker: 'needle-42', n: 1 } })).toEqual({ recorded: true })
      await new Promise((r) => setTimeout(r, 5)) // distinct timestamps: the order is then known
    }

    const all = await page('')
    expect(all.status).toEqual({ state: 'ok' })
    expect(all.matched).toBe(4)
    expect(all.entries.map((e) => e.action)).toEqual([
      'topic.delete',
      'topic.alter-configs',
      'group.reset-offsets',
      'topic.create',
    ])

    expect((await page('actor=ANN')).entries.map((e) => e.action)).toEqual(['topic.alter-configs', 'topic.create'])
    expect((await page('action=topic.')).matched).toBe(3)
    expect((await page(`topic=${topic}`)).matched).toBe(3)
    expect((await page('group=billing&result=error')).entries[0]?.error).toBe('GROUP_NOT_EMPTY')
    expect((await page('q=retention')).matched).toBe(1)
    expect((await page('q=needle-42')).matched).toBe(4)
    expect((await page('cluster=test')).matched).toBe(4)
    const future = new Date(Date.now() + 3_600_000).toISOString()
    expect((await page(`from=${future}`)).matched).toBe(0)
    expect((await page(`to=${future}`)).matched).toBe(4)

    const first = await page('limit=3')
    expect(first.entries).toHaveLength(3)
    expect(first.nextCursor).not.toBeNull()
    const second = await page(`limit=3&before=${encodeURIComponent(first.nextCursor ?? '')}`)
    expect(second.entries.map((e) => e.action)).toEqual(['topic.create'])
    expect(second.nextCursor).toBeNull()

    const csv = await exportAudit(req(`/api/clusters/test/audit/export?format=csv&actor=ann`), params('test'))
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/)
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-test-.*\.csv"$/)
    const lines = (await csv.text()).trim().split('\r\n')
    expect(lines[0]).toBe('at,actor,action,cluster,topic,group,result,summary,error,params,id')
    expect(lines).toHaveLength(3)

    const jsonl = await exportAudit(req(`/api/clusters/test/audit/export?format=jsonl&result=error`), params('test'))
    expect(jsonl.headers.get('content-disposition')).toMatch(/\.jsonl"$/)
    const rows = (await jsonl.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as AuditEntry)
    expect(rows.map((r) => r.action)).toEqual(['group.reset-offsets'])
  })

  it('refuses bad filters with 422 and names the field', async () => {
    const res = await getAudit(req('/api/clusters/test/audit?result=maybe'), params('test'))
    expect(res.status).toBe(422)
    expect((await res.json()).error.message).toMatch(/result/)
    const bad = await exportAudit(req('/api/clusters/test/audit/export?format=xml'), params('test'))
    expect(bad.status).toBe(422)
  })

  it('answers 503 when the cluster is down', async () => {
    const res = await getAudit(req('/api/clusters/offline/audit'), params('offline'))
    expect(res.status).toBe(503)
    expect((await res.json()).error.code).toBe('broker_unavailable')
  })
})
