import { describe, expect, it } from 'vitest'
import { AuthConfigSchema } from '@/lib/config/auth-schema'
import {
  can,
  canSomewhere,
  grantsOf,
  matchesPattern,
  PERMISSIONS,
  type Permission,
  ROLE_PERMISSIONS,
} from './permissions'

const auth = AuthConfigSchema.parse({
  usersFile: 'users.yaml',
  groupRoles: { 'kafka-admins': 'admin' },
  rules: [
    { role: 'operator', users: ['alice'], clusters: ['prod'], topics: ['payments.*'] },
    { role: 'viewer', users: ['alice'] },
    { role: 'operator', groups: ['payments-team'], clusters: ['prod'], consumerGroups: ['payments-*'] },
    { role: 'admin', users: ['carol'], clusters: ['staging-*'] },
  ],
})

const OPERATOR_ONLY: Permission[] = ['topic.produce', 'group.reset-offsets', 'dlq.replay', 'dlq.discard']
const ADMIN_ONLY: Permission[] = [
  'topic.create',
  'topic.delete',
  'topic.alter-configs',
  'topic.purge',
  'group.delete',
  'group.delete-offsets',
]

describe('roles', () => {
  it('viewer reads; operator also produces, replays, discards and resets; admin does everything', () => {
    expect(ROLE_PERMISSIONS.viewer).toEqual(['read'])
    expect([...ROLE_PERMISSIONS.operator].sort()).toEqual(['read', ...OPERATOR_ONLY].sort())
    expect([...ROLE_PERMISSIONS.admin].sort()).toEqual([...PERMISSIONS].sort())
    expect([...PERMISSIONS].sort()).toEqual(['read', ...OPERATOR_ONLY, ...ADMIN_ONLY].sort())
  })

  it.each([
    ['viewer', [] as Permission[]],
    ['operator', OPERATOR_ONLY],
    ['admin', [...OPERATOR_ONLY, ...ADMIN_ONLY]],
  ] as const)('a global %s may exactly its permissions on every topic and group', (role, extra) => {
    const grants = grantsOf({ name: 'u', roles: [role] }, AuthConfigSchema.parse({ usersFile: 'x' }))
    for (const p of PERMISSIONS) {
      const allowed = p === 'read' || extra.includes(p)
      expect(can(grants, p, { clusterId: 'any', topic: 't' }), `${role} ${p} topic`).toBe(allowed)
      expect(can(grants, p, { clusterId: 'any', group: 'g' }), `${role} ${p} group`).toBe(allowed)
      expect(can(grants, p, { clusterId: 'any' }), `${role} ${p} cluster`).toBe(allowed)
    }
  })
})

describe('rules scoped per cluster and topic pattern', () => {
  const alice = grantsOf({ name: 'alice', roles: [] }, auth)

  it('alice is operator on prod payments.* topics and viewer elsewhere', () => {
    expect(can(alice, 'topic.produce', { clusterId: 'prod', topic: 'payments.in' })).toBe(true)
    expect(can(alice, 'dlq.replay', { clusterId: 'prod', topic: 'payments.dlq' })).toBe(true)
    expect(can(alice, 'topic.produce', { clusterId: 'prod', topic: 'orders' })).toBe(false)
    expect(can(alice, 'topic.produce', { clusterId: 'dev', topic: 'payments.in' })).toBe(false)
    expect(can(alice, 'read', { clusterId: 'dev', topic: 'orders' })).toBe(true)
    expect(can(alice, 'topic.delete', { clusterId: 'prod', topic: 'payments.in' })).toBe(false)
  })

  it('a topic rule does not cover consumer groups or whole-cluster actions', () => {
    expect(can(alice, 'group.reset-offsets', { clusterId: 'prod', group: 'payments.in' })).toBe(false)
    expect(can(alice, 'topic.produce', { clusterId: 'prod' })).toBe(false)
    // …but "somewhere in the cluster" is true, e.g. to show a button whose target is chosen later.
    expect(canSomewhere(alice, 'topic.produce', 'prod')).toBe(true)
    expect(canSomewhere(alice, 'topic.produce', 'dev')).toBe(false)
  })

  it('group rules grant to members, and consumer-group patterns cover only groups', () => {
    const bob = grantsOf({ name: 'bob', roles: [], groups: ['payments-team'] }, auth)
    expect(can(bob, 'group.reset-offsets', { clusterId: 'prod', group: 'payments-settler' })).toBe(true)
    expect(can(bob, 'group.reset-offsets', { clusterId: 'prod', group: 'orders' })).toBe(false)
    expect(can(bob, 'topic.produce', { clusterId: 'prod', topic: 'payments-x' })).toBe(false)
    expect(can(bob, 'read', { clusterId: 'prod' })).toBe(true)
    expect(can(bob, 'read', { clusterId: 'dev' })).toBe(false)
  })

  it('cluster patterns, groupRoles and nothing for strangers', () => {
    const carol = grantsOf({ name: 'carol', roles: [] }, auth)
    expect(can(carol, 'topic.purge', { clusterId: 'staging-eu', topic: 'x' })).toBe(true)
    expect(can(carol, 'read', { clusterId: 'prod' })).toBe(false)
    const admin = grantsOf({ name: 'dan', roles: [], groups: ['kafka-admins'] }, auth)
    expect(can(admin, 'group.delete', { clusterId: 'prod', group: 'g' })).toBe(true)
    expect(grantsOf({ name: 'eve', roles: [] }, auth)).toEqual([])
  })

  it('defaultRole applies to every signed-in user', () => {
    const withDefault = AuthConfigSchema.parse({ usersFile: 'x', defaultRole: 'viewer' })
    const g = grantsOf({ name: 'eve', roles: [] }, withDefault)
    expect(can(g, 'read', { clusterId: 'prod', topic: 't' })).toBe(true)
    expect(can(g, 'topic.produce', { clusterId: 'prod', topic: 't' })).toBe(false)
  })
})

describe('matchesPattern', () => {
  it('treats * as any run of characters and everything else literally', () => {
    expect(matchesPattern('payments.*', 'payments.in')).toBe(true)
    expect(matchesPattern('payments.*', 'payments.in.v2')).toBe(true)
    expect(matchesPattern('payments.*', 'paymentsXin')).toBe(false)
    expect(matchesPattern('*', '')).toBe(true)
    expect(matchesPattern('a+b', 'a+b')).toBe(true)
    expect(matchesPattern('a+b', 'aab')).toBe(false)
    expect(matchesPattern('*-dlq', 'orders-dlq')).toBe(true)
  })
})

describe('AuthConfigSchema', () => {
  it('needs a sign-in method, and rules need a subject', () => {
    expect(AuthConfigSchema.safeParse({}).success).toBe(false)
    expect(AuthConfigSchema.safeParse({ usersFile: 'u', rules: [{ role: 'admin' }] }).success).toBe(false)
    expect(AuthConfigSchema.safeParse({ usersFile: 'u', rules: [{ role: 'root', users: ['a'] }] }).success).toBe(false)
    expect(AuthConfigSchema.safeParse({ usersFile: 'u', session: { secret: 'short' } }).success).toBe(false)
  })
})
