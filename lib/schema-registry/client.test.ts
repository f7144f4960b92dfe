import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRegistryClient, RegistryError } from './client'

// A local HTTP listener only records what the client sends (auth header, paths); decoding is tested against a real
// registry in schema-registry.int.test.ts.
let url = ''
const seen: { path: string; headers: IncomingHttpHeaders }[] = []
const server = createServer((req, res) => {
  seen.push({ path: req.url ?? '', headers: req.headers })
  if (req.url === '/schemas/ids/1') return res.end(JSON.stringify({ schema: '"string"' }))
  if (req.url === '/schemas/ids/2') return setTimeout(() => res.end('{}'), 1_000)
  if (req.url === '/schemas/ids/3') return res.writeHead(401).end('{"message":"who are you"}')
  res.writeHead(404).end('{"error_code":40403,"message":"Schema not found"}')
})

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
})
afterAll(() => {
  server.closeAllConnections()
  return new Promise<void>((r) => server.close(() => r()))
})

describe('createRegistryClient', () => {
  it('sends basic auth, defaults the schema type to Avro and caches by id', async () => {
    const client = createRegistryClient({ url, username: 'u', password: 'p' })
    expect(await client.getSchema(1)).toEqual({ schema: '"string"', schemaType: 'AVRO', references: [] })
    await client.getSchema(1)
    const calls = seen.filter((s) => s.path === '/schemas/ids/1')
    expect(calls).toHaveLength(1)
    expect(calls[0]?.headers.authorization).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`)
  })

  it('explains failures', async () => {
    const client = createRegistryClient({ url }, 200)
    await expect(client.getSchema(9)).rejects.toThrow(/HTTP 404.*Schema not found/)
    await expect(client.getSchema(3)).rejects.toMatchObject({ unreachable: true, message: /credentials/ })
    await expect(client.getSchema(2)).rejects.toThrow(/no answer within 200 ms/)
    const down = createRegistryClient({ url: 'http://127.0.0.1:1' })
    const err = await down.getSchema(1).catch((e) => e)
    expect(err).toBeInstanceOf(RegistryError)
    expect(err.message).toMatch(/unreachable/)
    expect(await client.getSubject(9)).toBeUndefined()
  })
})
