import type { ApiVersionsResult } from './protocol/api-versions'

export type KafkaRelease = { release: string | null; source: string }

/**
 * metadata.version feature level → Kafka's name for it. Taken from Kafka's own tools, not from memory:
 * - levels 7-30: `kafka.tools.StorageTool feature-dependencies --feature metadata.version=N` (N = 0..34) and
 *   `version-mapping --release-version X.Y` (X.Y = 3.3 … 4.3) of Kafka 4.3.1; it knows no level below 7 and lists
 *   level 31 (4.4-IV0) only as an unstable, not-yet-released level, so the table stops at 30;
 * - levels 1-6: Kafka 3.9.1's `org.apache.kafka.server.common.MetadataVersion` enum (its StorageTool has no
 *   version-mapping command), which agrees with 4.3.1 on levels 7-21.
 * `FeatureCommand describe` prints these same names. A release's last level is its default (3.5 → 11, 4.0 → 25…).
 */
const METADATA_VERSIONS: Readonly<Record<number, string>> = {
  1: '3.0-IV1',
  2: '3.1-IV0',
  3: '3.2-IV0',
  4: '3.3-IV0',
  5: '3.3-IV1',
  6: '3.3-IV2',
  7: '3.3-IV3',
  8: '3.4-IV0',
  9: '3.5-IV0',
  10: '3.5-IV1',
  11: '3.5-IV2',
  12: '3.6-IV0',
  13: '3.6-IV1',
  14: '3.6-IV2',
  15: '3.7-IV0',
  16: '3.7-IV1',
  17: '3.7-IV2',
  18: '3.7-IV3',
  19: '3.7-IV4',
  20: '3.8-IV0',
  21: '3.9-IV0',
  22: '4.0-IV0',
  23: '4.0-IV1',
  24: '4.0-IV2',
  25: '4.0-IV3',
  26: '4.1-IV0',
  27: '4.1-IV1',
  28: '4.2-IV0',
  29: '4.2-IV1',
  30: '4.3-IV0',
}
const HIGHEST_KNOWN_LEVEL = 30

/** Kafka's name for a metadata.version level (e.g. 30 → "4.3-IV0"), or null when the table does not know it. */
export function metadataVersionName(level: number): string | null {
  return METADATA_VERSIONS[level] ?? null
}

/** The level of a metadata.version name as Kafka's tools print it (e.g. "3.9-IV0" → 21), or null. */
export function metadataVersionLevel(name: string): number | null {
  const entry = Object.entries(METADATA_VERSIONS).find(([, known]) => known === name)
  return entry ? Number(entry[0]) : null
}

/** "4.3-IV0" → "4.3": the release that introduced the level. */
function releaseOfName(name: string): string {
  return name.replace(/-IV\d+$/, '')
}

function describeLevel(level: number): string {
  const name = metadataVersionName(level)
  return name ? `${name} (level ${level})` : `level ${level}`
}

/**
 * The Kafka release a cluster runs, from the broker's ApiVersions answer. Kafka does not send its version, but the
 * finalized metadata.version level names the release the cluster's metadata is at (all its brokers run at least that
 * release). When this broker's software supports a higher level, the source says so: the cluster is not upgraded yet.
 * No metadata.version (ZooKeeper-mode or pre-2.4 brokers) → unknown: API-key markers for those cannot be checked
 * against the KRaft-only brokers Ferry tests with, so they are not guessed.
 */
export function inferKafkaRelease(result: ApiVersionsResult): KafkaRelease {
  const finalized = result.finalizedFeatures['metadata.version']?.max
  if (finalized === undefined || finalized < 1) return { release: null, source: 'unknown' }
  const supported = result.supportedFeatures['metadata.version']?.max
  const upgradeNote =
    supported !== undefined && supported > finalized ? `; this broker supports up to ${describeLevel(supported)}` : ''
  if (finalized > HIGHEST_KNOWN_LEVEL) {
    const newest = METADATA_VERSIONS[HIGHEST_KNOWN_LEVEL] as string
    return {
      release: `≥ ${releaseOfName(newest)}`,
      source: `metadata.version level ${finalized} (newer than ${newest}, level ${HIGHEST_KNOWN_LEVEL})${upgradeNote}`,
    }
  }
  const name = metadataVersionName(finalized)
  if (!name) return { release: null, source: 'unknown' }
  return { release: releaseOfName(name), source: `metadata.version ${describeLevel(finalized)}${upgradeNote}` }
}
