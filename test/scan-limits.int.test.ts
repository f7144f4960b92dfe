import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { closeAllClients } from '../lib/kafka/client'
import { createTopicsAndWait, testKafka, uniqueName, useTestCluster } from './test-cluster'

// Small limits, set before lib/limits reads them.
vi.stubEnv('FERRY_LIMIT_SCAN_BURST', '4')
vi.stubEnv('FERRY_LIMIT_SCANS_PER_MINUTE', '1')
vi.stubEnv('FERRY_LIMIT_SCANS_PER_CLUSTER', '1')
vi.stubEnv('FERRY_LIMIT_SLOT_WAIT_MS', '200')

const { GET: scan } = await import('../app/api/clusters/[clusterId]/topics/[topic]/messages/route')
const { GET: exportMessages } = await import('../app/api/clusters/[clusterId]/topics/[topic]/messages/export/route')
const { acquireScanSlot } = await import('../lib/limits/scan-limits')

// The scan routes under the limits, against the real broker.
describe('scan limits on the message routes', () => {
  const topic = uniqueName('limits')
  const call = (route: typeof scan, path: string) =>
    route(new Request(`http://127.0.0.1/api/clusters/test/topics/${topic}/messages${path}`), {
      params: Promise.resolve({ clusterId: 'test', topic }),
    })

  beforeAll(async () => {
    const { bootstrap } = useTestCluster()
    await createTopicsAndWait(bootstrap.split(','), [{ topic, numPartitions: 1 }])
    const producer = testKafka().producer({ idempotent: true, maxInFlightRequests: 1 })
    await producer.connect()
    await producer.send({ topic, acks: -1, messages: [{ value: 'a' }, { value: 'b' }] })
    await producer.disconnect()
  })
  afterAll(closeAllClients)

  it('refuses a scan while the cluster has no free slot, then frees the slot when the stream ends', async () => {
    const held = await acquireScanSlot('test')
    const refused = await call(scan, '?from=oldest')
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toBe('5')
    const body = await refused.json()
    expect(body.error).toMatchObject({ code: 'rate_limited', message: expect.stringContaining('1 scans are already') })
    held()

    const ok = await call(exportMessages, '/export?from=oldest&format=ndjson')
    expect(ok.status).toBe(200)
    expect((await ok.text()).trim().split('\n')).toHaveLength(2)
    // The export's slot is free again once its body was read.
    const again = await acquireScanSlot('test')
    again()
  })

  it('refuses a user over the burst with Retry-After', async () => {
    const statuses: number[] = []
    let last: Response | undefined
    for (let i = 0; i < 4; i++) {
      last = await call(scan, '?from=oldest')
      statuses.push(last.status)
      if (last.status === 200) await last.text()
    }
    // One token went to the first test's refused scan and one to its export.
    expect(statuses).toEqual([200, 200, 429, 429])
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect((await (last as Response).json()).error.message).toMatch(/Too many scans/)
  })
})
