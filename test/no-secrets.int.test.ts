import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest'
import { GET as getAudit } from '../app/api/clusters/[clusterId]/audit/route'
import { GET as getGroupHistory } from '../app/api/clusters/[clusterId]/groups/[groupId]/history/route'
import { GET as getGroup } from '../app/api/clusters/[clusterId]/groups/[groupId]/route'
import { GET as getGroups } from '../app/api/clusters/[clusterId]/groups/route'
import { GET as getSampler } from '../app/api/clusters/[clusterId]/lag-sampler/route'
import { GET as getOverview } from '../app/api/clusters/[clusterId]/overview/route'
import { GET as getTopicConfigs } from '../app/api/clusters/[clusterId]/topics/[topic]/configs/route'
import { GET as getTopicConsumers } from '../app/api/clusters/[clusterId]/topics/[topic]/consumers/route'
import { GET as getTopic } from '../app/api/clusters/[clusterId]/topics/[topic]/route'
import { GET as getTopics } from '../app/api/clusters/[clusterId]/topics/route'
import { GET as getClusters } from '../app/api/clusters/route'
import { GET as getHealth } from '../app/api/health/route'
import { GET as getMetrics } from '../app/api/metrics/route'
import { GET as getSession } from '../app/api/session/route'
import { closeAllClients } from '../lib/kafka/client'
import { LOCAL_SASL_USER } from '../scripts/kafka/broker'
import { createTopicsAndWait, uniqueName, useClusters } from './test-cluster'

// Distinct strings that appear nowhere but in the config, so any occurrence in an answer or a log line is a leak.
const SECRETS = {
  saslWrong: 'sasl-wrong-S3cr3t-7f1c',
  saslOffline: 'sasl-offline-S3cr3t-91ab',
  sslKey: 'ssl-key-S3cr3t-44d2',
  registry: 'registry-S3cr3t-0b6e',
  registryOffline: 'registry-offline-S3cr3t-5c3a',
}
const ALL_SECRETS = [...Object.values(SECRETS), LOCAL_SASL_USER.password]

const req = (path: string) => new Request(`http://127.0.0.1${path}`)
const p = <T extends Record<string, string>>(v: T) => ({ params: Promise.resolve(v) })

/** Everything written to the console, stdout and stderr while `fn` runs. */
async function captureOutput(fn: () => Promise<void>): Promise<string> {
  const out: string[] = []
  const record = (...args: unknown[]) => {
    out.push(
      args
        .map((a) =>
          a instanceof Error
            ? `${a.stack} ${JSON.stringify(a)} ${String((a as { cause?: unknown }).cause)}`
            : typeof a === 'string'
              ? a
              : JSON.stringify(a, (_k, v) => (typeof v === 'bigint' ? String(v) : v)),
        )
        .join(' '),
    )
  }
  const spies = [
    ...(['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation(record),
    ),
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
      record(String(chunk))
      return true
    }),
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => {
      record(String(chunk))
      return true
    }),
  ]
  try {
    await fn()
  } finally {
    for (const spy of spies) spy.mockRestore()
  }
  return out.join('\n')
}

describe('no secrets in answers or logs', () => {
  const topic = uniqueName('secrets')
  beforeAll(async () => {
    const bootstrap = inject('kafkaBootstrap').split(',')
    const sasl = inject('kafkaSaslBootstrap').split(',')
    useClusters([
      // Live, with a Schema Registry password (the registry is not running: decoding is not what is tested here).
      {
        id: 'test',
        brokers: bootstrap,
        schemaRegistry: { url: 'http://127.0.0.1:1/ccompat', username: 'sr', password: SECRETS.registry },
      },
      // Live, SASL with the right password (it must not be echoed either).
      { id: 'secured', brokers: sasl, sasl: { mechanism: 'scram-sha-512', ...LOCAL_SASL_USER } },
      // The SASL broker with a wrong password: an authentication failure is an error path.
      {
        id: 'wrong-password',
        brokers: sasl,
        connectionTimeoutMs: 1_000,
        sasl: { mechanism: 'scram-sha-512', username: LOCAL_SASL_USER.username, password: SECRETS.saslWrong },
      },
      // Down, with every kind of secret configured.
      {
        id: 'offline',
        brokers: ['127.0.0.1:1'],
        connectionTimeoutMs: 300,
        ssl: { keyPassword: SECRETS.sslKey, rejectUnauthorized: true },
        sasl: { mechanism: 'plain', username: 'u', password: SECRETS.saslOffline },
        schemaRegistry: { url: 'http://127.0.0.1:1', username: 'sr', password: SECRETS.registryOffline },
      },
    ])
    await createTopicsAndWait(bootstrap, [{ topic, numPartitions: 2 }])
  })
  afterAll(closeAllClients)

  it('holds for every GET route that describes a cluster, on success and failure', async () => {
    const bodies: string[] = []
    const statuses: Record<string, number> = {}
    const call = async (name: string, res: Promise<Response>) => {
      const r = await res
      statuses[name] = r.status
      bodies.push(`${name} ${r.status} ${JSON.stringify([...r.headers])} ${await r.text()}`)
    }
    const logs = await captureOutput(async () => {
      await call('clusters', getClusters(req('/api/clusters'), undefined))
      await call('health', getHealth(req('/api/health'), undefined))
      await call('session', getSession(req('/api/session'), undefined))
      for (const clusterId of ['test', 'secured', 'wrong-password', 'offline']) {
        const c = p({ clusterId })
        const t = p({ clusterId, topic })
        const g = p({ clusterId, groupId: 'no-such-group' })
        await call(`${clusterId}/overview`, getOverview(req('/x'), c))
        await call(`${clusterId}/topics`, getTopics(req('/x'), c))
        await call(`${clusterId}/topic`, getTopic(req('/x'), t))
        await call(`${clusterId}/configs`, getTopicConfigs(req('/x'), t))
        await call(`${clusterId}/consumers`, getTopicConsumers(req('/x'), t))
        await call(`${clusterId}/groups`, getGroups(req('/x'), c))
        await call(`${clusterId}/group`, getGroup(req('/x'), g))
        await call(`${clusterId}/history`, getGroupHistory(req('/x/history'), g))
        await call(`${clusterId}/lag-sampler`, getSampler(req('/x'), c))
        await call(`${clusterId}/audit`, getAudit(req('/x'), c))
      }
      await call('metrics', getMetrics(req('/api/metrics'), undefined))
    })
    // The calls did reach both the success and the failure paths.
    expect(statuses.health).toBe(200)
    expect(statuses.session).toBe(200)
    expect(statuses['test/overview']).toBe(200)
    expect(statuses['secured/topics']).toBe(200)
    expect(statuses['offline/overview']).toBe(503)
    expect(statuses['wrong-password/overview']).toBeGreaterThanOrEqual(400)
    const answers = bodies.join('\n')
    expect(answers).toContain('"saslUsername"') // the summary is there, just without the password
    for (const secret of ALL_SECRETS) {
      expect(answers, `answers contain ${secret}`).not.toContain(secret)
      expect(logs, `logs contain ${secret}`).not.toContain(secret)
    }
  })
})
