import 'server-only'
import {
  type Broker,
  type Connection,
  findCoordinatorV3,
  findCoordinatorV4,
  findCoordinatorV5,
  findCoordinatorV6,
} from '@platformatic/kafka'
import { type ApiRange, newestSupported } from '@/lib/kafka/platformatic-connection'
import { answerOf } from './platformatic-answers'

export type GroupsOfCoordinator = { nodeId: number; broker: Broker; groupIds: string[] }

const GROUP_KEY = 0
// Kafka's "try again" answers while a coordinator moves or loads its partition of __consumer_offsets.
const RETRIABLE = new Set([14, 15, 16]) // COORDINATOR_LOAD_IN_PROGRESS, COORDINATOR_NOT_AVAILABLE, NOT_COORDINATOR
const ATTEMPTS = 5
// v4+ takes many keys in one request; v3 (Kafka 2.4-2.8) one key per request.
const BATCH_APIS = [findCoordinatorV6.api, findCoordinatorV5.api, findCoordinatorV4.api]

type Coordinator = { key: string; nodeId: number; host: string; port: number; errorCode: number }

/** The groups, grouped by their coordinator broker. Groups whose coordinator stays unavailable are left out. */
export async function coordinatorsOf(
  connection: Connection,
  apiVersions: Map<number, ApiRange>,
  groupIds: string[],
): Promise<GroupsOfCoordinator[]> {
  const byNode = new Map<number, GroupsOfCoordinator>()
  let pending = [...new Set(groupIds)]
  for (let attempt = 1; pending.length > 0 && attempt <= ATTEMPTS; attempt++) {
    const answers = await lookUp(connection, apiVersions, pending)
    pending = []
    for (const c of answers) {
      if (c.errorCode !== 0) {
        if (RETRIABLE.has(c.errorCode)) pending.push(c.key)
        continue
      }
      const entry = byNode.get(c.nodeId) ?? { nodeId: c.nodeId, broker: { host: c.host, port: c.port }, groupIds: [] }
      entry.groupIds.push(c.key)
      byNode.set(c.nodeId, entry)
    }
    if (pending.length > 0) await new Promise((r) => setTimeout(r, 100 * attempt))
  }
  return [...byNode.values()]
}

async function lookUp(
  connection: Connection,
  apiVersions: Map<number, ApiRange>,
  keys: string[],
): Promise<Coordinator[]> {
  const batch = newestSupported(apiVersions, BATCH_APIS)
  if (batch) return (await answerOf(batch.async(connection, GROUP_KEY, keys))).coordinators
  // v3 answers one coordinator per request, without its key.
  const single = await Promise.all(
    keys.map(async (key) => {
      const answer = await answerOf(findCoordinatorV3.api.async(connection, GROUP_KEY, [key]))
      return answer.coordinators.map((c) => ({ ...c, key }))
    }),
  )
  return single.flat()
}
