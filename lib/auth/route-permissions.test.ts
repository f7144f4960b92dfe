import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { MUTATING_METHODS, matchRoute, ROUTE_PERMISSIONS } from './route-permissions'

const API_DIR = path.resolve(__dirname, '../../app/api')
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']

/** Every app/api/**\/route.ts as `METHOD /api/…` keys, from the methods it exports. */
function routeKeys(): string[] {
  const keys: string[] = []
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.name === 'route.ts') {
        const pattern = `/api/${path.relative(API_DIR, dir).split(path.sep).join('/')}`.replace(/\/$/, '')
        const source = readFileSync(full, 'utf8')
        for (const m of METHODS)
          if (new RegExp(`export\\s+(const|async function|function)\\s+${m}\\b`).test(source))
            keys.push(`${m} ${pattern}`)
      }
    }
  }
  walk(API_DIR)
  return keys
}

describe('the route permission table', () => {
  it('has an entry for every exported method of every API route', () => {
    const keys = routeKeys()
    expect(keys.length).toBeGreaterThan(15)
    const missing = keys.filter((k) => !(k in ROUTE_PERMISSIONS))
    expect(missing, 'add these to lib/auth/route-permissions.ts').toEqual([])
  })

  it('never makes a mutating Kafka route public', () => {
    for (const [key, rule] of Object.entries(ROUTE_PERMISSIONS)) {
      const [method, pattern] = key.split(' ') as [string, string]
      if (MUTATING_METHODS.has(method) && 'public' in rule) expect(pattern).toMatch(/^\/api\/auth\//)
    }
  })

  it('matches paths to entries, decoding segments once; static segments beat dynamic ones', () => {
    expect(matchRoute('POST', '/api/clusters/prod/topics/orders.v1/actions')).toMatchObject({
      key: 'POST /api/clusters/[clusterId]/topics/[topic]/actions',
      segments: { clusterId: 'prod', topic: 'orders.v1' },
    })
    expect(matchRoute('DELETE', '/api/clusters/prod/groups/a%2Fb/offsets/reset')?.key).toBe(
      'DELETE /api/clusters/[clusterId]/groups/[groupId]/offsets/reset',
    )
    expect(matchRoute('DELETE', '/api/clusters/prod/groups/a%2Fb/offsets/orders')).toMatchObject({
      key: 'DELETE /api/clusters/[clusterId]/groups/[groupId]/offsets/[topic]',
      segments: { groupId: 'a/b', topic: 'orders' },
    })
    expect(matchRoute('POST', '/api/clusters/prod/topics')?.key).toBe('POST /api/clusters/[clusterId]/topics')
    expect(matchRoute('PUT', '/api/clusters/prod/topics')).toBeNull()
    expect(matchRoute('POST', '/api/clusters/prod/nope')).toBeNull()
  })
})
