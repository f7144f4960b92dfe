import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs'
import path from 'node:path'

/** Newest Apache Kafka release whose jars (broker + kafka-tools) resolve completely on Maven Central. */
export const DEFAULT_KAFKA_VERSION = '4.3.1'
/** The older line kept selectable for compatibility tests. */
export const LEGACY_KAFKA_VERSION = '3.9.1'

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..')
const CACHE_DIR = path.join(PROJECT_ROOT, '.cache', 'kafka')

/** Directory holding every runtime jar of the given Kafka version, fetched through Maven on first use. */
export function ensureKafkaJars(version: string = DEFAULT_KAFKA_VERSION): string {
  if (!/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`Not a Kafka release version: "${version}"`)
  const libs = path.join(CACHE_DIR, version, 'libs')
  if (existsSync(libs) && readdirSync(libs).some((f) => f.startsWith(`kafka_2.13-${version}`))) return libs
  // Fetch into a temp folder and rename, so an interrupted download never looks complete.
  const partial = `${libs}.partial`
  rmSync(partial, { recursive: true, force: true })
  process.stderr.write(`ferry: fetching Apache Kafka ${version} jars from Maven Central into ${libs}\n`)
  execFileSync(
    'mvn',
    [
      '-q',
      '-B',
      '-f',
      path.join(__dirname, 'pom.xml'),
      `-Dkafka.version=${version}`,
      'dependency:copy-dependencies',
      '-DincludeScope=runtime',
      `-DoutputDirectory=${partial}`,
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  )
  rmSync(libs, { recursive: true, force: true })
  renameSync(partial, libs)
  return libs
}

/** Java classpath for a fetched version. Kafka 3.9 ships its own slf4j binding (reload4j), so ours is left out there. */
export function kafkaClasspath(libs: string): string {
  const jars = readdirSync(libs).filter((f) => f.endsWith('.jar'))
  const hasReload4j = jars.some((f) => f.startsWith('slf4j-reload4j'))
  return jars
    .filter((f) => !(hasReload4j && f.startsWith('log4j-slf4j-impl')))
    .map((f) => path.join(libs, f))
    .join(path.delimiter)
}

/** True when the jars use log4j 1 (reload4j) rather than log4j2 for the broker's own logging. */
export function usesReload4j(libs: string): boolean {
  return readdirSync(libs).some((f) => f.startsWith('slf4j-reload4j'))
}
