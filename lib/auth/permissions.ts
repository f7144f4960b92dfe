// Who may do what. Pure and shared by the server (enforcement) and the browser (hiding buttons): no imports with
// side effects, no Node APIs.
import type { AccessRule, AuthConfig, Role } from '@/lib/config/auth-schema'

export const PERMISSIONS = [
  'read',
  'topic.produce',
  'group.reset-offsets',
  'dlq.replay',
  'dlq.discard',
  'topic.create',
  'topic.delete',
  'topic.alter-configs',
  'topic.purge',
  'group.delete',
  'group.delete-offsets',
] as const
export type Permission = (typeof PERMISSIONS)[number]

const VIEWER: Permission[] = ['read']
const OPERATOR: Permission[] = [...VIEWER, 'topic.produce', 'group.reset-offsets', 'dlq.replay', 'dlq.discard']
const ADMIN: Permission[] = [...PERMISSIONS]

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  viewer: VIEWER,
  operator: OPERATOR,
  admin: ADMIN,
}

/** In words, for refusals: "Alice may not <purge topics> …". */
export const PERMISSION_LABELS: Record<Permission, string> = {
  read: 'read',
  'topic.produce': 'produce messages',
  'group.reset-offsets': 'reset consumer group offsets',
  'dlq.replay': 'replay dead letters',
  'dlq.discard': 'discard dead letters',
  'topic.create': 'create topics',
  'topic.delete': 'delete topics',
  'topic.alter-configs': 'change topic configs',
  'topic.purge': 'purge topics',
  'group.delete': 'delete consumer groups',
  'group.delete-offsets': 'delete consumer group offsets',
}

/** One role a user holds, and where. Absent `topics`/`consumerGroups`: the whole cluster. */
export type Grant = { role: Role; clusters: string[]; topics?: string[]; consumerGroups?: string[] }

/** What a permission is asked for: a cluster, optionally one topic or one consumer group in it. */
export type Resource = { clusterId: string; topic?: string; group?: string }

/** The signed-in user as the rules see them. */
export type Subject = { name: string; roles: readonly string[]; groups?: readonly string[] }

/** Every grant the subject holds: its own roles (users file), its groups' roles, the default role, then the rules. */
export function grantsOf(subject: Subject, auth: Pick<AuthConfig, 'groupRoles' | 'defaultRole' | 'rules'>): Grant[] {
  const everywhere = new Set<Role>()
  for (const r of subject.roles) if (isRole(r)) everywhere.add(r)
  for (const g of subject.groups ?? []) {
    const r = auth.groupRoles[g]
    if (r) everywhere.add(r)
  }
  if (auth.defaultRole) everywhere.add(auth.defaultRole)
  const grants: Grant[] = [...everywhere].map((role) => ({ role, clusters: ['*'] }))
  for (const rule of auth.rules) if (ruleApplies(rule, subject)) grants.push(grantOfRule(rule))
  return grants
}

function ruleApplies(rule: AccessRule, subject: Subject): boolean {
  if (rule.users?.includes(subject.name)) return true
  return (subject.groups ?? []).some((g) => rule.groups?.includes(g))
}

function grantOfRule(rule: AccessRule): Grant {
  const grant: Grant = { role: rule.role, clusters: rule.clusters }
  if (rule.topics) grant.topics = rule.topics
  if (rule.consumerGroups) grant.consumerGroups = rule.consumerGroups
  return grant
}

function isRole(r: string): r is Role {
  return r === 'viewer' || r === 'operator' || r === 'admin'
}

/**
 * Whether any grant allows `permission` on `resource`. A topic needs a grant whose `topics` match it (or a grant for
 * the whole cluster); a consumer group likewise with `consumerGroups`. Cluster-level actions (e.g. creating a topic
 * whose name is unknown) need a whole-cluster grant, except reading, which any grant on the cluster allows.
 */
export function can(grants: readonly Grant[], permission: Permission, resource: Resource): boolean {
  return grants.some((g) => {
    if (!ROLE_PERMISSIONS[g.role].includes(permission)) return false
    if (!g.clusters.some((p) => matchesPattern(p, resource.clusterId))) return false
    if (resource.topic !== undefined)
      return g.topics ? g.topics.some((p) => matchesPattern(p, resource.topic as string)) : !g.consumerGroups
    if (resource.group !== undefined)
      return g.consumerGroups ? g.consumerGroups.some((p) => matchesPattern(p, resource.group as string)) : !g.topics
    return permission === 'read' || (!g.topics && !g.consumerGroups)
  })
}

/** Whether the subject holds `permission` somewhere in the cluster (e.g. to show a button before a topic is chosen). */
export function canSomewhere(grants: readonly Grant[], permission: Permission, clusterId: string): boolean {
  return grants.some(
    (g) => ROLE_PERMISSIONS[g.role].includes(permission) && g.clusters.some((p) => matchesPattern(p, clusterId)),
  )
}

/** `*` matches any run of characters (dots included); everything else is literal and case-sensitive. */
export function matchesPattern(pattern: string, name: string): boolean {
  if (!pattern.includes('*')) return pattern === name
  const re = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`, 's')
  return re.test(name)
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
