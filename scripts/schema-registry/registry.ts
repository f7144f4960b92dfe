import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { findFreePort } from '../kafka/free-port'

/** Apicurio Registry release built by pom.xml (keep the two in step). */
export const REGISTRY_VERSION = '2.4.2.Final'
/** Where Apicurio serves the Confluent Schema Registry API. */
export const CCOMPAT_PATH = '/apis/ccompat/v7'

const PROJECT_ROOT = path.resolve(__dirname, '..', '..')
const CACHE_DIR = path.join(PROJECT_ROOT, '.cache', 'schema-registry')
const READY_TIMEOUT_MS = 90_000
const STOP_TIMEOUT_MS = 10_000

/** The runnable registry jar, built once through Maven (Quarkus augmentation of the Central jars) into .cache/. */
export function ensureRegistryJar(): string {
  const dir = path.join(CACHE_DIR, REGISTRY_VERSION)
  const jar = path.join(dir, 'ferry-local-schema-registry-1-runner.jar')
  if (existsSync(jar)) return jar
  // Build into a temp folder and rename, so an interrupted build never looks complete.
  const partial = `${dir}.partial`
  rmSync(partial, { recursive: true, force: true })
  process.stderr.write(`ferry: building Apicurio Registry ${REGISTRY_VERSION} from Maven Central into ${dir}\n`)
  execFileSync(
    'mvn',
    ['-q', '-B', '-f', path.join(__dirname, 'pom.xml'), 'package', '-DskipTests', `-Dferry.buildDir=${partial}`],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  )
  rmSync(dir, { recursive: true, force: true })
  renameSync(partial, dir)
  return jar
}

export type LocalSchemaRegistry = {
  /** Base URL of the Confluent-compatible API, e.g. http://127.0.0.1:8081/apis/ccompat/v7 */
  url: string
  port: number
  process: ChildProcess
  stop(): Promise<void>
}

/** Starts an in-memory Apicurio Registry on 127.0.0.1 (a free port when none is given) and waits until it answers. */
export async function startSchemaRegistry(opts: { port?: number; heap?: string } = {}): Promise<LocalSchemaRegistry> {
  const jar = ensureRegistryJar()
  const port = opts.port || (await findFreePort())
  const logDir = mkdtempSync(path.join(os.tmpdir(), 'ferry-registry-'))
  const logFile = path.join(logDir, 'registry.log')
  const out = openSync(logFile, 'a')
  const proc = spawn(
    'java',
    [
      `-Xmx${opts.heap ?? '384m'}`,
      '-XX:+UseSerialGC',
      '-XX:TieredStopAtLevel=1',
      `-Dquarkus.http.port=${port}`,
      '-Dquarkus.http.host=127.0.0.1',
      '-Dquarkus.log.level=WARN',
      '-jar',
      jar,
    ],
    { stdio: ['ignore', out, out] },
  )
  const kill = () => proc.kill('SIGKILL')
  process.once('exit', kill)
  proc.once('exit', () => process.removeListener('exit', kill))
  const url = `http://127.0.0.1:${port}${CCOMPAT_PATH}`
  const stop = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        rmSync(logDir, { recursive: true, force: true })
        resolve()
      }
      if (proc.exitCode !== null || proc.signalCode !== null) return done()
      proc.once('exit', done)
      proc.kill('SIGTERM')
      setTimeout(() => proc.kill('SIGKILL'), STOP_TIMEOUT_MS).unref()
    })
  try {
    await waitUntilAnswering(url, () => proc.exitCode === null && proc.signalCode === null)
  } catch (err) {
    const tail = readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n')
    await stop()
    throw new Error(`${(err as Error).message}\n--- registry log ---\n${tail}`)
  }
  return { url, port, process: proc, stop }
}

async function waitUntilAnswering(url: string, isAlive: () => boolean): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error('the schema registry exited before it answered')
    const ok = await fetch(`${url}/subjects`, { signal: AbortSignal.timeout(2_000) })
      .then((r) => r.ok)
      .catch(() => false)
    if (ok) return
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`the schema registry did not answer at ${url} within ${READY_TIMEOUT_MS} ms`)
}
