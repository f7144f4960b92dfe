import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './load-config'

function dirWith(yaml: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ferry-config-'))
  writeFileSync(path.join(dir, 'ferry.config.yaml'), yaml)
  return dir
}

describe('loadConfig', () => {
  it('defaults to the local broker when nothing is configured', () => {
    const { config, source } = loadConfig({}, mkdtempSync(path.join(os.tmpdir(), 'ferry-empty-')))
    expect(config.clusters).toEqual([expect.objectContaining({ id: 'local', brokers: ['127.0.0.1:9092'] })])
    expect(source).toContain('default')
  })

  it('reads several clusters with SASL/SCRAM and TLS, interpolating secrets from the environment', () => {
    const dir = dirWith(`
clusters:
  - id: prod
    name: Production
    brokers: [kafka-1.example:9093, kafka-2.example:9093]
    ssl: { caFile: /etc/ferry/ca.pem }
    sasl: { mechanism: scram-sha-512, username: ferry, password: "\${PROD_KAFKA_PASSWORD}" }
    readOnly: true
  - id: local
    brokers: [127.0.0.1:9092]
`)
    const { config } = loadConfig({ PROD_KAFKA_PASSWORD: 's3cret' }, dir)
    expect(config.clusters[0]).toMatchObject({
      id: 'prod',
      readOnly: true,
      sasl: { mechanism: 'scram-sha-512', username: 'ferry', password: 's3cret' },
      ssl: { caFile: '/etc/ferry/ca.pem', rejectUnauthorized: true },
    })
    expect(config.clusters[1]).toMatchObject({ id: 'local', readOnly: false })
    expect(config.stateTopicPrefix).toBe('_ferry.')
  })

  it('names the exact field and reason of a wrong file', () => {
    const dir = dirWith(`
clusters:
  - id: prod
    brokers: [kafka:9093]
    sasl: { mechanism: kerberos, username: a, password: b }
  - id: prod
    brokers: [not-an-address]
`)
    const err = (() => {
      try {
        loadConfig({}, dir)
      } catch (e) {
        return e as ConfigError
      }
    })()
    expect(err).toBeInstanceOf(ConfigError)
    expect(err?.message).toMatch(/clusters\[0\] \(id "prod"\)\.sasl\.mechanism: /)
    expect(err?.message).toMatch(/clusters\[1\] \(id "prod"\)\.brokers\[0\]: must be host:port/)
  })

  it('rejects duplicate cluster ids', () => {
    const dir = dirWith('clusters:\n  - id: a\n    brokers: [h:1]\n  - id: a\n    brokers: [h:2]\n')
    expect(() => loadConfig({}, dir)).toThrow(/clusters\[1\] \(id "a"\)\.id: duplicate cluster id "a"/)
  })

  it('rejects unknown keys (a typo must not be silently ignored)', () => {
    const dir = dirWith('clusters:\n  - id: a\n    brokers: [h:1]\n    sasl_mechanism: plain\n')
    expect(() => loadConfig({}, dir)).toThrow(/clusters\[0\] \(id "a"\).*sasl_mechanism/)
  })

  it('fails on a missing environment variable instead of using an empty password', () => {
    // The config file's own ${NAME} syntax, built without a template-looking literal.
    const ref = `$\{NOPE}`
    const dir = dirWith(
      `clusters:\n  - id: a\n    brokers: [h:1]\n    sasl: { mechanism: plain, username: u, password: "${ref}" }\n`,
    )
    expect(() => loadConfig({}, dir)).toThrow(/clusters\[0\]\.sasl\.password: environment variable NOPE is not set/)
  })

  it('builds one cluster from KAFKA_BROKERS and the SASL variables', () => {
    const { config, source } = loadConfig(
      {
        KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9093',
        KAFKA_SASL_MECHANISM: 'SCRAM-SHA-256',
        KAFKA_SASL_USERNAME: 'u',
        KAFKA_SASL_PASSWORD: 'p',
      },
      mkdtempSync(path.join(os.tmpdir(), 'ferry-env-')),
    )
    expect(config.clusters).toEqual([
      expect.objectContaining({
        id: 'default',
        brokers: ['127.0.0.1:9092', '127.0.0.1:9093'],
        sasl: { mechanism: 'scram-sha-256', username: 'u', password: 'p' },
      }),
    ])
    expect(source).toBe('KAFKA_BROKERS')
  })

  it('gives the KAFKA_BROKERS cluster the registry of SCHEMA_REGISTRY_URL, with basic auth', () => {
    const { config } = loadConfig(
      {
        KAFKA_BROKERS: '127.0.0.1:9092',
        SCHEMA_REGISTRY_URL: 'http://127.0.0.1:8081/apis/ccompat/v7',
        SCHEMA_REGISTRY_USERNAME: 'sr',
        SCHEMA_REGISTRY_PASSWORD: 'pw',
      },
      mkdtempSync(path.join(os.tmpdir(), 'ferry-env-')),
    )
    expect(config.clusters[0]?.schemaRegistry).toEqual({
      url: 'http://127.0.0.1:8081/apis/ccompat/v7',
      username: 'sr',
      password: 'pw',
    })
  })

  it('gives the registry to the default local cluster, and to the file cluster KAFKA_BROKERS overrides', () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'ferry-empty-'))
    const local = loadConfig({ SCHEMA_REGISTRY_URL: 'http://localhost:8081' }, empty).config.clusters
    expect(local).toEqual([expect.objectContaining({ id: 'local', schemaRegistry: { url: 'http://localhost:8081' } })])
    expect(loadConfig({}, empty).config.clusters[0]?.schemaRegistry).toBeUndefined()

    const dir = dirWith('clusters:\n  - id: prod\n    brokers: [kafka:9093]\n    readOnly: true\n')
    const { config } = loadConfig(
      { KAFKA_BROKERS: 'kafka:9094', FERRY_CLUSTER_ID: 'prod', SCHEMA_REGISTRY_URL: 'https://sr.example' },
      dir,
    )
    expect(config.clusters).toEqual([
      expect.objectContaining({ id: 'prod', readOnly: true, schemaRegistry: { url: 'https://sr.example' } }),
    ])
  })

  it('validates the registry variables like the file, and refuses them when only a file defines clusters', () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'ferry-empty-'))
    expect(() => loadConfig({ SCHEMA_REGISTRY_URL: 'localhost:8081' }, empty)).toThrow(
      /clusters\[0\] \(id "local"\)\.schemaRegistry\.url: must be an http\(s\) URL/,
    )
    expect(() =>
      loadConfig({ SCHEMA_REGISTRY_URL: 'http://localhost:8081', SCHEMA_REGISTRY_PASSWORD: 'pw' }, empty),
    ).toThrow(/schemaRegistry: a password needs a username/)
    const dir = dirWith('clusters:\n  - id: prod\n    brokers: [kafka:9093]\n')
    expect(() => loadConfig({ SCHEMA_REGISTRY_URL: 'http://localhost:8081' }, dir)).toThrow(
      /SCHEMA_REGISTRY_URL applies to the cluster KAFKA_BROKERS defines/,
    )
    // Empty counts as unset, like KAFKA_BROKERS.
    expect(loadConfig({ SCHEMA_REGISTRY_URL: '' }, dir).config.clusters[0]?.schemaRegistry).toBeUndefined()
  })

  it('fails when FERRY_CONFIG names a file that does not exist', () => {
    expect(() => loadConfig({ FERRY_CONFIG: '/nonexistent/ferry.yaml' })).toThrow(/does not exist/)
  })
})
