import 'server-only'
import { describeQuorumV0, describeQuorumV1, describeQuorumV2 } from '@platformatic/kafka'
import { getClusterConfig } from '@/lib/config'
import { ApiError } from '@/lib/errors'
import {
  type ApiRange,
  closePlatformaticConnections,
  clusterConnectionsOf,
  dropClusterConnections,
  newestSupported,
  platformaticErrorOf,
  withinDeadline,
} from './platformatic-connection'

// kafkajs' describeCluster() takes the controller from the Metadata response, which on KRaft names a random live
// broker (KIP-590/KIP-919). The real controller is the leader of the metadata quorum, which only DescribeQuorum
// (API key 55) reports. Any broker answers it by forwarding to the active controller.

/** One replica of the metadata log as the quorum leader sees it. int64 values are decimal strings. */
export type QuorumReplica = {
  replicaId: number
  /** "-1" when the leader has not heard from this replica in its epoch (e.g. the replica is down). */
  logEndOffset: string
  /** Records behind the leader's log end offset, as kafka-metadata-quorum's "Lag" column prints it (never < 0). */
  lag: string
  /** Epoch milliseconds; null when unknown (DescribeQuorum v0, or never fetched). */
  lastFetchTimestamp: number | null
  lastCaughtUpTimestamp: number | null
}

export type MetadataQuorum = {
  leaderId: number
  leaderEpoch: number
  /** "-1" for a moment after an election, until the new leader commits its first record (the CLI prints it too). */
  highWatermark: string
  voters: QuorumReplica[]
  observers: QuorumReplica[]
}

type DescribeQuorumResponse = describeQuorumV2.DescribeQuorumResponse
type QuorumApi = typeof describeQuorumV2.api
type QuorumReplicaState = describeQuorumV2.DescribeQuorumResponseVoter

const METADATA_TOPIC = '__cluster_metadata'
// Newest first: v1 adds fetch timestamps, v2 (Kafka 3.9+) directory ids and controller endpoints.
const QUORUM_APIS: QuorumApi[] = [describeQuorumV2.api, describeQuorumV1.api, describeQuorumV0.api]

/** The cluster's KRaft metadata quorum: leader (the active controller), epoch, high watermark, replicas. */
export async function describeMetadataQuorum(clusterId: string): Promise<MetadataQuorum> {
  const cluster = getClusterConfig(clusterId)
  const entry = clusterConnectionsOf(cluster)
  const request = entry.bootstrap.then(({ connection, apiVersions }) =>
    quorumApiOf(apiVersions).async(connection, [{ topicName: METADATA_TOPIC, partitions: [{ partitionIndex: 0 }] }]),
  )
  try {
    return parseQuorum(await withinDeadline(cluster, request, 'describe its metadata quorum'))
  } catch (err) {
    // A dead broker, a timeout or a protocol error: start over with fresh connections next time.
    void dropClusterConnections(clusterId, entry)
    throw platformaticErrorOf(err, cluster)
  }
}

/** MetadataQuorum from a DescribeQuorum response (any version) for __cluster_metadata partition 0. */
export function parseQuorum(response: DescribeQuorumResponse): MetadataQuorum {
  const partition = response.topics
    .find((t) => t.topicName === METADATA_TOPIC)
    ?.partitions.find((p) => p.partitionIndex === 0)
  if (!partition) throw new ApiError('internal', `DescribeQuorum did not describe ${METADATA_TOPIC}-0`)
  // Only the leader answers DescribeQuorum, so a missing leader means an election is under way.
  if (partition.leaderId < 0) throw new ApiError('broker_unavailable', 'The metadata quorum has no leader; try again')
  // kafka-metadata-quorum computes "Lag" from the leader's log end offset, not from the high watermark.
  const leaderEnd =
    partition.currentVoters.find((v) => v.replicaId === partition.leaderId)?.logEndOffset ?? partition.highWatermark
  const replicaOf = (r: QuorumReplicaState): QuorumReplica => ({
    replicaId: r.replicaId,
    logEndOffset: String(r.logEndOffset),
    lag: String(leaderEnd > r.logEndOffset ? leaderEnd - r.logEndOffset : 0n),
    lastFetchTimestamp: timestampOf(r.lastFetchTimestamp),
    lastCaughtUpTimestamp: timestampOf(r.lastCaughtUpTimestamp),
  })
  return {
    leaderId: partition.leaderId,
    leaderEpoch: partition.leaderEpoch,
    highWatermark: String(partition.highWatermark),
    voters: partition.currentVoters.map(replicaOf),
    observers: partition.observers.map(replicaOf),
  }
}

/** Closes every pooled @platformatic/kafka connection, the quorum's included (tests, shutdown). */
export async function closeQuorumConnections(): Promise<void> {
  await closePlatformaticConnections()
}

// Kafka writes -1 for "unknown"; v0 has no timestamps at all.
function timestampOf(ms: bigint): number | null {
  return ms < 0n ? null : Number(ms)
}

/** The newest DescribeQuorum version both sides speak. */
function quorumApiOf(apiVersions: Map<number, ApiRange>): QuorumApi {
  const api = newestSupported(apiVersions, QUORUM_APIS)
  if (!api) {
    throw new ApiError('not_found', 'The brokers do not offer DescribeQuorum: not a KRaft cluster, or older than 3.0')
  }
  return api
}
