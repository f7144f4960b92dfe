import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { replaceConfig } from '@/lib/config'
import { FerryConfigSchema } from '@/lib/config/schema'
import { closeAllClients } from '@/lib/kafka/client'
import { createTopicsAndWait } from '../../../test/test-cluster'
import { getLagHistory } from '../history'
import { getSamplerStatus, LagSampler, startLagSampler, stopLagSamplers } from '.'

// Leader election through the group coordinator, two samplers in one process (each with its own consumer), and the
// unavailable path. Every test uses its own state topic prefix, so its election group is its own.

function useConfig(stateTopicPrefix: string) {
  const config = FerryConfigSchema.parse({
    clusters: [{ id: 'test', brokers: inject('kafkaBootstrap').split(',') }],
    lagSampling: { intervalMs: 1_000 },
    stateTopicPrefix,
  })
  replaceConfig({ config, source: 'test' })
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<number> {
  const started = Date.now()
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  return Date.now() - started
}

const samplers: LagSampler[] = []

afterAll(async () => {
  await Promise.allSettled(samplers.map((s) => s.stop()))
  await stopLagSamplers()
  await closeAllClients()
})

describe('leader election', () => {
  beforeAll(() => useConfig(`_ferry-test-${randomUUID().slice(0, 8)}.`))

  it('makes exactly one of two instances the leader, and the other takes over when it stops', async () => {
    const a = new LagSampler({ clusterId: 'test', instanceId: 'a' })
    const b = new LagSampler({ clusterId: 'test', instanceId: 'b' })
    samplers.push(a, b)
    await Promise.all([a.start(), b.start()])
    const roles = () => [a.role, b.role].sort().join(',')
    await waitFor(() => roles() === 'follower,leader', 20_000, 'one leader and one follower')
    // Stays that way: never two leaders.
    for (let i = 0; i < 20; i++) {
      expect([a.role, b.role].filter((r) => r === 'leader').length).toBeLessThanOrEqual(1)
      await new Promise((r) => setTimeout(r, 100))
    }
    expect(roles()).toBe('follower,leader')
    const [leader, follower] = a.role === 'leader' ? [a, b] : [b, a]
    await waitFor(() => leader.getStatus().lastSampleAt !== null, 10_000, 'the leader to sample')
    expect(leader.getStatus()).toMatchObject({ role: 'leader', lastError: null, persistence: { ok: true } })
    // Only the leader samples (the follower may have led for a moment while the group formed).
    const followerSampledAt = follower.getStatus().lastSampleAt
    const leaderSampledAt = leader.getStatus().lastSampleAt ?? 0
    await waitFor(() => (leader.getStatus().lastSampleAt ?? 0) > leaderSampledAt, 10_000, 'another sample')
    expect(follower.getStatus()).toMatchObject({ role: 'follower', lastSampleAt: followerSampledAt })

    await leader.stop()
    const tookMs = await waitFor(() => follower.role === 'leader', 10_000, 'the follower to take over')
    console.log(`lag sampler failover after a clean stop: ${tookMs} ms`)
    expect(tookMs).toBeLessThan(5_000)
    await waitFor(() => follower.getStatus().lastSampleAt !== null, 10_000, 'the new leader to sample')
  })
})

describe('when the state topics cannot be created', () => {
  it('says unavailable with the reason, and the console goes on without history', async () => {
    // Kafka refuses a topic whose name differs from an existing one only by '.' versus '_' (they collide in metric
    // names): the samples topic of prefix "<base>_" collides with "<base>.lag-samples".
    const base = `ferry-collide-${randomUUID().slice(0, 8)}`
    await createTopicsAndWait(inject('kafkaBootstrap').split(','), [{ topic: `${base}.lag-samples` }])
    await stopLagSamplers()
    useConfig(`${base}_`)
    await expect(startLagSampler('test')).resolves.toBeDefined()
    const status = getSamplerStatus('test')
    expect(status.role).toBe('unavailable')
    expect(status.persistence).toMatchObject({ ok: false, topic: `${base}_lag-samples` })
    expect(status.persistence.reason).toMatch(new RegExp(`topic "${base}_lag-samples" could not be created`))
    const history = await getLagHistory('test', 'any-group', '1h')
    expect(history.points).toEqual([])
    expect(history.sampler.role).toBe('unavailable')
  })

  it('says unavailable for any failing ensureStateTopic answer, without throwing', async () => {
    const sampler = new LagSampler({
      clusterId: 'test',
      instanceId: 'forced',
      ensureTopic: async (_clusterId, kind) =>
        kind === 'lag-sampler'
          ? { ok: false, topic: 'x.lag-sampler', reason: 'the principal may not create or read topic "x.lag-sampler"' }
          : { ok: true, topic: 'x.lag-samples' },
    })
    samplers.push(sampler)
    await sampler.start()
    expect(sampler.getStatus()).toMatchObject({
      role: 'unavailable',
      persistence: { ok: false, topic: 'x.lag-sampler', reason: expect.stringMatching(/may not create/) },
      lastError: expect.stringMatching(/Lag sampling is off/),
    })
    const throwing = new LagSampler({
      clusterId: 'test',
      instanceId: 'throwing',
      ensureTopic: async () => {
        throw new Error('boom')
      },
    })
    samplers.push(throwing)
    await throwing.start()
    expect(throwing.getStatus()).toMatchObject({ role: 'unavailable', persistence: { ok: false } })
  })
})
