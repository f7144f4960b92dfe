import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parse as parseYaml } from 'yaml'
import type { z } from 'zod'
import { type FerryConfig, FerryConfigSchema } from './schema'

export const DEFAULT_CONFIG_FILE = 'ferry.config.yaml'
/** Where `npm run kafka` puts a broker; used when nothing is configured. */
export const DEFAULT_LOCAL_BROKER = '127.0.0.1:9092'

export type LoadedConfig = { config: FerryConfig; source: string }

export class ConfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConfigError'
  }
}

type Env = Record<string, string | undefined>

/**
 * Reads the YAML file named by FERRY_CONFIG (default ferry.config.yaml) and/or KAFKA_BROKERS and friends, and
 * validates the result. Throws ConfigError naming the exact field and reason.
 */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): LoadedConfig {
  const file = path.resolve(cwd, env.FERRY_CONFIG ?? DEFAULT_CONFIG_FILE)
  const explicitFile = env.FERRY_CONFIG !== undefined
  let raw: Record<string, unknown> = {}
  const sources: string[] = []

  if (existsSync(/* turbopackIgnore: true */ file)) {
    let parsed: unknown
    try {
      parsed = parseYaml(readFileSync(/* turbopackIgnore: true */ file, 'utf8'))
    } catch (err) {
      throw new ConfigError(`${file}: not valid YAML: ${(err as Error).message}`)
    }
    if (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed)))
      throw new ConfigError(`${file}: the top level must be a mapping with a "clusters" list`)
    raw = interpolateEnv((parsed ?? {}) as Record<string, unknown>, env, file)
    sources.push(file)
  } else if (explicitFile) {
    throw new ConfigError(`FERRY_CONFIG points to ${file}, which does not exist`)
  }

  const envCluster = clusterFromEnv(env)
  if (envCluster) {
    const clusters = Array.isArray(raw.clusters) ? [...(raw.clusters as Record<string, unknown>[])] : []
    const at = clusters.findIndex((c) => c?.id === envCluster.id)
    if (at >= 0) clusters[at] = { ...clusters[at], ...envCluster }
    else clusters.push(envCluster)
    raw = { ...raw, clusters }
    sources.push('KAFKA_BROKERS')
  }
  if (!raw.clusters) {
    const registry = schemaRegistryFromEnv(env)
    raw = {
      ...raw,
      clusters: [
        {
          id: 'local',
          name: 'Local',
          brokers: [DEFAULT_LOCAL_BROKER],
          ...(registry ? { schemaRegistry: registry } : {}),
        },
      ],
    }
    sources.push(`default (${DEFAULT_LOCAL_BROKER})`)
  } else if (!envCluster && env.SCHEMA_REGISTRY_URL) {
    // Only KAFKA_BROKERS' cluster (or the default one) takes the registry from the environment; a file's clusters
    // say which registry is theirs, so a stray variable must not be silently ignored.
    throw new ConfigError(
      `SCHEMA_REGISTRY_URL applies to the cluster KAFKA_BROKERS defines (or the default local one); with a config file, set clusters[].schemaRegistry (e.g. url: \${SCHEMA_REGISTRY_URL})`,
    )
  }

  const result = FerryConfigSchema.safeParse(raw)
  if (!result.success) throw new ConfigError(formatIssues(sources.join(' + '), result.error.issues, raw))
  return { config: result.data, source: sources.join(' + ') }
}

function clusterFromEnv(env: Env): Record<string, unknown> | null {
  if (!env.KAFKA_BROKERS) return null
  const cluster: Record<string, unknown> = {
    id: env.FERRY_CLUSTER_ID ?? 'default',
    name: env.FERRY_CLUSTER_NAME ?? env.FERRY_CLUSTER_ID ?? 'Default',
    brokers: env.KAFKA_BROKERS.split(',')
      .map((b) => b.trim())
      .filter(Boolean),
  }
  if (env.KAFKA_SASL_MECHANISM) {
    cluster.sasl = {
      mechanism: env.KAFKA_SASL_MECHANISM.toLowerCase(),
      username: env.KAFKA_SASL_USERNAME,
      password: env.KAFKA_SASL_PASSWORD,
    }
  }
  if (env.KAFKA_SSL === 'true' || env.KAFKA_SSL_CA_FILE) {
    cluster.ssl = env.KAFKA_SSL_CA_FILE
      ? {
          caFile: env.KAFKA_SSL_CA_FILE,
          certFile: env.KAFKA_SSL_CERT_FILE,
          keyFile: env.KAFKA_SSL_KEY_FILE,
        }
      : true
  }
  if (env.FERRY_READ_ONLY === 'true') cluster.readOnly = true
  const registry = schemaRegistryFromEnv(env)
  if (registry) cluster.schemaRegistry = registry
  return cluster
}

/** SCHEMA_REGISTRY_URL and its basic-auth pair; validated with the rest of the cluster (empty counts as unset). */
function schemaRegistryFromEnv(env: Env): Record<string, unknown> | null {
  if (!env.SCHEMA_REGISTRY_URL) return null
  const registry: Record<string, unknown> = { url: env.SCHEMA_REGISTRY_URL }
  if (env.SCHEMA_REGISTRY_USERNAME) registry.username = env.SCHEMA_REGISTRY_USERNAME
  if (env.SCHEMA_REGISTRY_PASSWORD) registry.password = env.SCHEMA_REGISTRY_PASSWORD
  return registry
}

/** Replaces ${NAME} in string values with the environment variable, so secrets can stay out of the file. */
function interpolateEnv<T>(value: T, env: Env, file: string, at = ''): T {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
      const v = env[name]
      if (v === undefined) throw new ConfigError(`${file}: ${at || 'value'}: environment variable ${name} is not set`)
      return v
    }) as T
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolateEnv(v, env, file, `${at}[${i}]`)) as T
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, interpolateEnv(v, env, file, at ? `${at}.${k}` : k)]),
    ) as T
  }
  return value
}

/** One line per problem: `clusters[0] (id "prod").sasl.mechanism: <reason>`. */
function formatIssues(source: string, issues: z.core.$ZodIssue[], raw: Record<string, unknown>): string {
  const lines = issues.map((issue) => {
    let where = ''
    let node: unknown = raw
    for (const key of issue.path) {
      node = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key as PropertyKey] : undefined
      if (typeof key === 'number') {
        const id = node && typeof node === 'object' ? (node as { id?: unknown }).id : undefined
        where += `[${key}]${typeof id === 'string' ? ` (id "${id}")` : ''}`
      } else where += where ? `.${String(key)}` : String(key)
    }
    return `  ${where || '(top level)'}: ${issue.message}`
  })
  return `Invalid Ferry configuration (${source}):\n${lines.join('\n')}`
}
