import { getAuthSettings } from '@/lib/auth/auth-settings'
import { grantsFor } from '@/lib/auth/authorize-request'
import { can, PERMISSIONS } from '@/lib/auth/permissions'
import { currentPrincipal } from '@/lib/auth/request-context'
import type { SessionInfo } from '@/lib/auth/session-types'
import { getConfig } from '@/lib/config'
import { json, route } from '@/lib/http/route'

export const dynamic = 'force-dynamic'

/** Who is signed in and what they may do, so the UI can hide what would be refused (the server still checks). */
export const GET = route(async () => {
  const settings = getAuthSettings()
  const principal = currentPrincipal()
  const grants = grantsFor(principal, settings)
  const permissions = Object.fromEntries(
    getConfig().config.clusters.map((c) => [c.id, PERMISSIONS.filter((p) => can(grants, p, { clusterId: c.id }))]),
  )
  const body: SessionInfo = {
    authMode: settings.mode === 'sign-in' ? 'sign-in' : settings.allowRemote ? 'unsafe-remote' : 'none',
    user: principal ? { name: principal.name, roles: principal.roles, groups: principal.groups ?? [] } : null,
    signIn:
      settings.mode === 'sign-in'
        ? {
            usersFile: settings.config.usersFile !== undefined,
            oidc: settings.config.oidc ? { label: settings.config.oidc.label } : null,
          }
        : { usersFile: false, oidc: null },
    grants,
    permissions,
  }
  return json(body)
})
