import { describe, expect, it } from 'vitest'
import { summarizeCluster } from '@/lib/config'
import { ClusterConfigSchema } from '@/lib/config/schema'

const cluster = { id: 'c', brokers: ['127.0.0.1:9092'] }

describe('clusters[].schemaRegistry', () => {
  it('accepts a URL with optional basic auth and never summarizes the password', () => {
    const c = ClusterConfigSchema.parse({
      ...cluster,
      schemaRegistry: { url: 'https://sr.example:8081/base', username: 'u', password: 'secret' },
    })
    expect(c.schemaRegistry?.url).toBe('https://sr.example:8081/base')
    expect(JSON.stringify(summarizeCluster(c))).not.toContain('secret')
  })

  it('refuses unknown keys, non-http URLs and a password without a username', () => {
    expect(() => ClusterConfigSchema.parse({ ...cluster, schemaRegistry: { url: 'http://x', token: 't' } })).toThrow()
    expect(() => ClusterConfigSchema.parse({ ...cluster, schemaRegistry: { url: 'ftp://x' } })).toThrow()
    expect(() => ClusterConfigSchema.parse({ ...cluster, schemaRegistry: { url: 'http://x', password: 'p' } })).toThrow(
      /username/,
    )
  })
})
