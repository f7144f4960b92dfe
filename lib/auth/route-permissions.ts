// The one table of what each API route needs. route() (lib/http/route.ts) looks every request up here; a unit test
// walks app/api/**/route.ts and fails for any exported method without an entry, so no route can slip through.
import type { Permission } from './permissions'

/**
 * - `public`: anyone, signed in or not (health, the session probe, sign-in itself).
 * - `permission`: needed on the resource named by the path: `[clusterId]`, then `[topic]` or `[groupId]`.
 *   Or `{ bodyField, values }`: picked by a field of the JSON body (unknown value: every listed one is needed).
 * - `topicFromBody`: the topic is a body field (e.g. a new topic's name; absent: a whole-cluster grant is needed).
 * - `anywhereInCluster`: holding the permission on any topic of the cluster is enough (e.g. cancelling a job).
 */
export type RoutePermission =
  | { public: true }
  | {
      permission: Permission | { bodyField: string; values: Record<string, Permission> }
      topicFromBody?: string
      anywhereInCluster?: boolean
    }

const C = '/api/clusters/[clusterId]'

export const ROUTE_PERMISSIONS: Record<string, RoutePermission> = {
  'GET /api/health': { public: true },
  'GET /api/session': { public: true },
  'POST /api/auth/login': { public: true },
  'POST /api/auth/logout': { public: true },
  'GET /api/auth/oidc': { public: true },
  'GET /api/auth/oidc/callback': { public: true },
  // Prometheus metrics name topics and groups: only for signed-in users with some grant.
  'GET /api/metrics': { permission: 'read' },
  'GET /api/clusters': { permission: 'read' },

  [`GET ${C}/overview`]: { permission: 'read' },
  [`GET ${C}/lag-sampler`]: { permission: 'read' },
  [`GET ${C}/audit`]: { permission: 'read' },
  [`GET ${C}/audit/export`]: { permission: 'read' },

  [`GET ${C}/topics`]: { permission: 'read' },
  [`POST ${C}/topics`]: { permission: 'topic.create', topicFromBody: 'name' },
  [`GET ${C}/topics/[topic]`]: { permission: 'read' },
  [`GET ${C}/topics/[topic]/configs`]: { permission: 'read' },
  [`GET ${C}/topics/[topic]/consumers`]: { permission: 'read' },
  [`GET ${C}/topics/[topic]/messages`]: { permission: 'read' },
  [`GET ${C}/topics/[topic]/messages/export`]: { permission: 'read' },
  [`GET ${C}/topics/[topic]/messages/tail`]: { permission: 'read' },
  [`POST ${C}/topics/[topic]/produce`]: { permission: 'topic.produce' },
  [`POST ${C}/topics/[topic]/actions`]: {
    permission: {
      bodyField: 'action',
      values: { delete: 'topic.delete', 'alter-configs': 'topic.alter-configs', purge: 'topic.purge' },
    },
  },

  [`GET ${C}/groups`]: { permission: 'read' },
  [`GET ${C}/groups/[groupId]`]: { permission: 'read' },
  [`DELETE ${C}/groups/[groupId]`]: { permission: 'group.delete' },
  [`GET ${C}/groups/[groupId]/history`]: { permission: 'read' },
  [`POST ${C}/groups/[groupId]/offsets/reset`]: { permission: 'group.reset-offsets' },
  // "reset" is also a legal topic name: this DELETE deletes the group's offsets of topic "reset".
  [`DELETE ${C}/groups/[groupId]/offsets/reset`]: { permission: 'group.delete-offsets' },
  [`DELETE ${C}/groups/[groupId]/offsets/[topic]`]: { permission: 'group.delete-offsets' },

  // Dead letters. The replay's target topics are in the body: the replay itself calls assertPermission for each.
  [`GET ${C}/dlq`]: { permission: 'read' },
  [`GET ${C}/dlq/messages`]: { permission: 'read' },
  [`GET ${C}/dlq/messages/[topic]/[partition]/[offset]`]: { permission: 'read' },
  [`POST ${C}/dlq/replay`]: { permission: 'dlq.replay', topicFromBody: 'dlqTopic' },
  [`GET ${C}/dlq/replay-jobs`]: { permission: 'read' },
  [`GET ${C}/dlq/replay-jobs/[jobId]`]: { permission: 'read' },
  [`GET ${C}/dlq/replay-jobs/[jobId]/events`]: { permission: 'read' },
  [`POST ${C}/dlq/replay-jobs/[jobId]/cancel`]: { permission: 'dlq.replay', anywhereInCluster: true },
  [`POST ${C}/dlq/discard`]: { permission: 'dlq.discard', topicFromBody: 'dlqTopic' },
}

export const MUTATING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export type RouteMatch = { key: string; rule: RoutePermission; segments: Record<string, string> }

const compiled = Object.entries(ROUTE_PERMISSIONS).map(([key, rule]) => {
  const [method, pattern] = key.split(' ') as [string, string]
  return { key, rule, method, parts: pattern.split('/').filter(Boolean) }
})

/**
 * The table entry for a request: static segments win over dynamic ones (as in Next's router, so
 * `…/offsets/reset` beats `…/offsets/[topic]`). `pathname` is as sent (percent-encoded); segments are decoded once.
 */
export function matchRoute(method: string, pathname: string): RouteMatch | null {
  const parts = pathname.split('/').filter(Boolean)
  let best: { match: RouteMatch; dynamicCount: number; firstDynamic: number } | null = null
  for (const c of compiled) {
    if (c.method !== method || c.parts.length !== parts.length) continue
    const segments: Record<string, string> = {}
    let ok = true
    let dynamicCount = 0
    let firstDynamic = Number.POSITIVE_INFINITY
    for (let i = 0; i < parts.length && ok; i++) {
      const p = c.parts[i] as string
      const actual = parts[i] as string
      if (p.startsWith('[') && p.endsWith(']')) {
        segments[p.slice(1, -1)] = safeDecode(actual)
        dynamicCount++
        firstDynamic = Math.min(firstDynamic, i)
      } else ok = p === actual
    }
    if (!ok) continue
    const better =
      !best ||
      firstDynamic > best.firstDynamic ||
      (firstDynamic === best.firstDynamic && dynamicCount < best.dynamicCount)
    if (better) best = { match: { key: c.key, rule: c.rule, segments }, dynamicCount, firstDynamic }
  }
  return best?.match ?? null
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}
