import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { DEFAULT_KAFKA_VERSION, ensureKafkaJars, kafkaClasspath, usesReload4j } from './fetch-kafka'
import { findFreePort, waitForPort } from './free-port'
import { createTestCertificates, type TestCertificates } from './tls-certs'

/** Credentials the local broker's SASL listener accepts (PLAIN and SCRAM-SHA-256/512). Test-only secrets. */
export const LOCAL_SASL_USER = { username: 'ferry', password: 'ferry-local-secret' }

export type StartKafkaOptions = {
  /** Kafka release, e.g. 4.3.1 (default) or 3.9.1. */
  version?: string
  /** Number of brokers (each also a KRaft controller). 1 = single node; 3 = a small cluster for fault tests. */
  brokers?: number
  /** PLAINTEXT port of the first broker; free ports are picked when omitted. */
  port?: number
  /** Also open a SASL_PLAINTEXT listener (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512) on each broker. */
  sasl?: boolean
  /**
   * Also open an SSL listener on each broker with a throwaway CA's certificate (see tls-certs.ts);
   * 'required-client-auth' makes it demand a client certificate (mutual TLS). Inter-broker traffic stays PLAINTEXT.
   */
  tls?: boolean | 'required-client-auth'
  /** Data directory; a temp dir (removed on stop) when omitted. */
  dataDir?: string
  /** Extra broker properties, applied to every node. */
  properties?: Record<string, string>
  /** Java heap per broker. */
  heap?: string
}

export type BrokerNode = {
  nodeId: number
  port: number
  saslPort?: number
  sslPort?: number
  controllerPort: number
  dir: string
  process: ChildProcess | null
}

export type LocalKafka = {
  version: string
  clusterId: string
  /** Comma-separated PLAINTEXT bootstrap list, e.g. 127.0.0.1:9092. */
  bootstrap: string
  /** SASL_PLAINTEXT bootstrap list when started with `sasl`. */
  saslBootstrap?: string
  /** SSL bootstrap list when started with `tls`. */
  sslBootstrap?: string
  /** CA, client certificate and broker stores of the SSL listener, when started with `tls`. */
  certificates?: TestCertificates
  nodes: BrokerNode[]
  /** Directory with the Kafka jars, for running Kafka's own CLI classes. */
  libs: string
  /** Stops one broker (SIGTERM, controlled shutdown). */
  stopNode(nodeId: number): Promise<void>
  /** Starts a broker stopped with `stopNode` again. */
  startNode(nodeId: number): Promise<void>
  /** Stops every broker and removes a temp data dir. */
  stop(): Promise<void>
}

const READY_TIMEOUT_MS = 60_000
const STOP_TIMEOUT_MS = 20_000

/** Runs a Kafka CLI class (e.g. org.apache.kafka.tools.TopicCommand) from the same jars and returns stdout. */
export function runKafkaTool(libs: string, mainClass: string, args: string[], timeoutMs = 60_000): string {
  return execFileSync('java', ['-Xmx256m', '-cp', kafkaClasspath(libs), mainClass, ...args], {
    encoding: 'utf8',
    timeout: timeoutMs,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, KAFKA_HEAP_OPTS: '' },
    // `--describe --all-groups` on a big cluster prints megabytes; Node's default 1 MB cap would kill it (ENOBUFS).
    maxBuffer: 512 * 1024 * 1024,
  })
}

/** runKafkaTool without blocking the event loop (several can run at once). */
function runKafkaToolAsync(libs: string, mainClass: string, args: string[], timeoutMs = 60_000): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      'java',
      ['-Xmx256m', '-cp', kafkaClasspath(libs), mainClass, ...args],
      { encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, KAFKA_HEAP_OPTS: '' } },
      (err, _stdout, stderr) =>
        err ? reject(new Error(`${mainClass} ${args[0]} failed: ${stderr || err.message}`)) : resolve(),
    )
  })
}

/** A Kafka cluster id as `StorageTool random-uuid` makes it (16 random bytes, URL-safe base64), without a JVM. */
function randomClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url')
    // Kafka never hands out ids starting with "-" (they read as command-line options).
    if (!id.startsWith('-')) return id
  }
}

/** Formats storage and starts a KRaft broker (or cluster) on 127.0.0.1; resolves once every broker answers. */
export async function startKafka(opts: StartKafkaOptions = {}): Promise<LocalKafka> {
  const version = opts.version ?? DEFAULT_KAFKA_VERSION
  const count = opts.brokers ?? 1
  const libs = ensureKafkaJars(version)
  const tempRoot = !opts.dataDir
  const root = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'ferry-kafka-'))
  mkdirSync(root, { recursive: true })

  const nodes: BrokerNode[] = []
  for (let i = 0; i < count; i++) {
    const nodeId = i + 1
    const port = i === 0 && opts.port ? opts.port : await findFreePort()
    nodes.push({
      nodeId,
      port,
      saslPort: opts.sasl ? await findFreePort() : undefined,
      sslPort: opts.tls ? await findFreePort() : undefined,
      controllerPort: await findFreePort(),
      dir: path.join(root, `node-${nodeId}`),
      process: null,
    })
  }

  const clusterId = randomClusterId()
  const voters = nodes.map((n) => `${n.nodeId}@127.0.0.1:${n.controllerPort}`).join(',')
  const reload4j = usesReload4j(libs)
  // One broker certificate (SAN 127.0.0.1) serves every node.
  const certificates = opts.tls ? createTestCertificates(path.join(root, 'certs')) : undefined

  const formats: Promise<void>[] = []
  for (const node of nodes) {
    mkdirSync(node.dir, { recursive: true })
    const props = brokerProperties(node, nodes.length, voters, opts, certificates)
    writeFileSync(path.join(node.dir, 'server.properties'), serialize(props))
    writeFileSync(
      path.join(node.dir, reload4j ? 'log4j.properties' : 'log4j2.properties'),
      logConfig(node.dir, reload4j),
    )
    const formatArgs = ['format', '--cluster-id', clusterId, '--config', path.join(node.dir, 'server.properties')]
    // A single node bootstraps its own quorum (KIP-853); a cluster uses the static voter set.
    if (nodes.length === 1) formatArgs.push('--standalone')
    if (opts.sasl) {
      const { username, password } = LOCAL_SASL_USER
      formatArgs.push('--add-scram', `SCRAM-SHA-256=[name=${username},password=${password}]`)
      formatArgs.push('--add-scram', `SCRAM-SHA-512=[name=${username},password=${password}]`)
    }
    formats.push(runKafkaToolAsync(libs, 'kafka.tools.StorageTool', formatArgs))
  }
  // One JVM per node, side by side: formatting a 3-node cluster one after another took most of its start time.
  await Promise.all(formats)

  const kafka: LocalKafka = {
    version,
    clusterId,
    bootstrap: nodes.map((n) => `127.0.0.1:${n.port}`).join(','),
    saslBootstrap: opts.sasl ? nodes.map((n) => `127.0.0.1:${n.saslPort}`).join(',') : undefined,
    sslBootstrap: opts.tls ? nodes.map((n) => `127.0.0.1:${n.sslPort}`).join(',') : undefined,
    certificates,
    nodes,
    libs,
    stopNode: async (nodeId) => stopNode(nodeOf(nodes, nodeId)),
    startNode: async (nodeId) => {
      const node = nodeOf(nodes, nodeId)
      launch(node, libs, reload4j, opts.heap)
      await waitForPort(node.port, READY_TIMEOUT_MS, () => node.process?.exitCode === null)
    },
    stop: async () => {
      await Promise.all(nodes.map(stopNode))
      if (tempRoot) rmSync(root, { recursive: true, force: true })
    },
  }

  try {
    for (const node of nodes) launch(node, libs, reload4j, opts.heap)
    await Promise.all(
      nodes.map((n) =>
        waitForPort(n.port, READY_TIMEOUT_MS, () => n.process?.exitCode === null).catch((err) => {
          throw new Error(
            `Kafka broker ${n.nodeId} did not start: ${err.message}\n${tailOf(path.join(n.dir, 'server.log'))}`,
          )
        }),
      ),
    )
  } catch (err) {
    await kafka.stop()
    throw err
  }
  return kafka
}

function brokerProperties(
  node: BrokerNode,
  count: number,
  voters: string,
  opts: StartKafkaOptions,
  certificates: TestCertificates | undefined,
): Record<string, string> {
  const rf = String(Math.min(3, count))
  const listeners = [`PLAINTEXT://127.0.0.1:${node.port}`, `CONTROLLER://127.0.0.1:${node.controllerPort}`]
  const advertised = [`PLAINTEXT://127.0.0.1:${node.port}`]
  const protocolMap = ['PLAINTEXT:PLAINTEXT', 'CONTROLLER:PLAINTEXT']
  const props: Record<string, string> = {
    'process.roles': 'broker,controller',
    'node.id': String(node.nodeId),
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'log.dirs': path.join(node.dir, 'data'),
    'num.partitions': '1',
    'default.replication.factor': rf,
    'min.insync.replicas': count >= 3 ? '2' : '1',
    'offsets.topic.replication.factor': rf,
    'transaction.state.log.replication.factor': rf,
    'transaction.state.log.min.isr': count >= 3 ? '2' : '1',
    'share.coordinator.state.topic.replication.factor': rf,
    'share.coordinator.state.topic.min.isr': count >= 3 ? '2' : '1',
    'group.initial.rebalance.delay.ms': '0',
    'auto.create.topics.enable': 'false',
    'delete.topic.enable': 'true',
    // Small segments and fast checks keep retention-based tests and demo purges quick on a laptop.
    'log.retention.check.interval.ms': '30000',
  }
  if (count === 1) props['controller.quorum.bootstrap.servers'] = `127.0.0.1:${node.controllerPort}`
  else props['controller.quorum.voters'] = voters
  if (opts.sasl && node.saslPort) {
    listeners.push(`SASL_PLAINTEXT://127.0.0.1:${node.saslPort}`)
    advertised.push(`SASL_PLAINTEXT://127.0.0.1:${node.saslPort}`)
    protocolMap.push('SASL_PLAINTEXT:SASL_PLAINTEXT')
    const { username, password } = LOCAL_SASL_USER
    props['sasl.enabled.mechanisms'] = 'PLAIN,SCRAM-SHA-256,SCRAM-SHA-512'
    props['listener.name.sasl_plaintext.plain.sasl.jaas.config'] =
      `org.apache.kafka.common.security.plain.PlainLoginModule required user_${username}="${password}";`
    props['listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config'] =
      'org.apache.kafka.common.security.scram.ScramLoginModule required;'
    props['listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config'] =
      'org.apache.kafka.common.security.scram.ScramLoginModule required;'
  }
  if (certificates && node.sslPort) {
    listeners.push(`SSL://127.0.0.1:${node.sslPort}`)
    advertised.push(`SSL://127.0.0.1:${node.sslPort}`)
    protocolMap.push('SSL:SSL')
    const password = certificates.storePassword
    props['ssl.keystore.location'] = certificates.brokerKeystore
    props['ssl.keystore.type'] = 'PKCS12'
    props['ssl.keystore.password'] = password
    props['ssl.key.password'] = password
    props['ssl.truststore.location'] = certificates.brokerTruststore
    props['ssl.truststore.type'] = 'PKCS12'
    props['ssl.truststore.password'] = password
    if (opts.tls === 'required-client-auth') props['listener.name.ssl.ssl.client.auth'] = 'required'
  }
  props.listeners = listeners.join(',')
  props['advertised.listeners'] = advertised.join(',')
  props['listener.security.protocol.map'] = protocolMap.join(',')
  return { ...props, ...opts.properties }
}

function launch(node: BrokerNode, libs: string, reload4j: boolean, heap = '768m'): void {
  const out = openSync(path.join(node.dir, 'stdout.log'), 'a')
  const logProp = reload4j
    ? `-Dlog4j.configuration=file:${path.join(node.dir, 'log4j.properties')}`
    : `-Dlog4j2.configurationFile=${path.join(node.dir, 'log4j2.properties')}`
  node.process = spawn(
    'java',
    [
      `-Xms128m`,
      `-Xmx${heap}`,
      '-XX:+UseG1GC',
      '-Djava.awt.headless=true',
      logProp,
      `-Dkafka.logs.dir=${node.dir}`,
      '-cp',
      kafkaClasspath(libs),
      'kafka.Kafka',
      path.join(node.dir, 'server.properties'),
    ],
    { stdio: ['ignore', out, out], detached: false },
  )
  // If the parent dies without calling stop(), do not leave a broker running.
  const kill = () => node.process?.kill('SIGKILL')
  process.once('exit', kill)
  node.process.once('exit', () => process.removeListener('exit', kill))
}

async function stopNode(node: BrokerNode): Promise<void> {
  const proc = node.process
  node.process = null
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()))
  proc.kill('SIGTERM')
  const timer = setTimeout(() => proc.kill('SIGKILL'), STOP_TIMEOUT_MS)
  await exited
  clearTimeout(timer)
}

function nodeOf(nodes: BrokerNode[], nodeId: number): BrokerNode {
  const node = nodes.find((n) => n.nodeId === nodeId)
  if (!node) throw new Error(`No broker with node id ${nodeId}`)
  return node
}

function serialize(props: Record<string, string>): string {
  return `${Object.entries(props)
    .map(([k, v]) => `${k}=${v.replace(/\\/g, '\\\\')}`)
    .join('\n')}\n`
}

function logConfig(dir: string, reload4j: boolean): string {
  const file = path.join(dir, 'server.log')
  if (reload4j) {
    return [
      'log4j.rootLogger=INFO, file',
      'log4j.appender.file=org.apache.log4j.FileAppender',
      `log4j.appender.file.File=${file}`,
      'log4j.appender.file.layout=org.apache.log4j.PatternLayout',
      'log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n',
      'log4j.logger.kafka.request.logger=WARN',
      'log4j.logger.state.change.logger=WARN',
      '',
    ].join('\n')
  }
  return [
    'status = warn',
    'appender.file.type = File',
    'appender.file.name = FILE',
    `appender.file.fileName = ${file}`,
    'appender.file.layout.type = PatternLayout',
    'appender.file.layout.pattern = [%d] %p %m (%c)%n',
    'rootLogger.level = INFO',
    'rootLogger.appenderRef.file.ref = FILE',
    'logger.statechange.name = state.change.logger',
    'logger.statechange.level = WARN',
    '',
  ].join('\n')
}

function tailOf(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-30).join('\n')
  } catch {
    return ''
  }
}
