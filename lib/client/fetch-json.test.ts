import { afterEach, describe, expect, it, vi } from 'vitest'
import { fetchJson, HttpError } from './fetch-json'

function respond(status: number, body: string, statusText = '') {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(body, { status, statusText })),
  )
}

async function failure(p: Promise<unknown>): Promise<HttpError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(HttpError)
  return err as HttpError
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('fetchJson', () => {
  it('returns the parsed body on 2xx', async () => {
    respond(200, '{"clusters":[]}')
    await expect(fetchJson('/api/clusters')).resolves.toEqual({ clusters: [] })
  })

  // fetch resolves on 503: the error body must not be handed to the view as data.
  it('throws the server error code and message on 4xx/5xx', async () => {
    respond(503, JSON.stringify({ error: { code: 'broker_unavailable', message: 'Cannot reach the Kafka brokers' } }))
    const err = await failure(fetchJson('/api/clusters/local/overview'))
    expect(err).toMatchObject({ status: 503, code: 'broker_unavailable', message: 'Cannot reach the Kafka brokers' })
  })

  it('still throws when the error body is not ours', async () => {
    respond(502, '<html>Bad gateway</html>', 'Bad Gateway')
    const err = await failure(fetchJson('/api/clusters'))
    expect(err).toMatchObject({ status: 502, code: 'internal', message: 'The server answered 502 Bad Gateway' })
  })

  it('reports a 2xx that is not JSON', async () => {
    respond(200, 'not json')
    expect((await failure(fetchJson('/api/clusters'))).code).toBe('invalid_response')
  })

  it('turns a network failure into status 0', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('fetch failed')
      }),
    )
    expect(await failure(fetchJson('/api/clusters'))).toMatchObject({ status: 0, code: 'network' })
  })
})
