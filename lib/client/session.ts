import { queryOptions, useMutation, useQuery } from '@tanstack/react-query'
import { can, canSomewhere, type Permission, type Resource } from '@/lib/auth/permissions'
import type { SessionInfo } from '@/lib/auth/session-types'
import { fetchJson } from './fetch-json'

export const sessionKeys = { all: ['session'] as const }

export const sessionQuery = () =>
  queryOptions({
    queryKey: sessionKeys.all,
    queryFn: ({ signal }) => fetchJson<SessionInfo>('/api/session', { signal }),
    // Roles change on sign-in/out (which reload the page) or when the users file changes: a minute is fresh enough.
    staleTime: 60_000,
  })

/** Who is signed in, how sign-in is set up, and their grants. */
export const useSession = () => useQuery(sessionQuery())

/**
 * Whether the UI should offer an action: false while the session loads, true if it cannot be read (the server
 * decides either way; hiding a button is a courtesy, never the check). Without `topic`/`group`: the whole cluster.
 */
export function useCan(permission: Permission, resource: Resource): boolean {
  const { data, isError } = useSession()
  if (isError) return true
  return data ? can(data.grants, permission, resource) : false
}

/** Whether the user holds `permission` on at least some topic or group of the cluster (e.g. a "Replay…" menu). */
export function useCanSomewhere(permission: Permission, clusterId: string): boolean {
  const { data, isError } = useSession()
  if (isError) return true
  return data ? canSomewhere(data.grants, permission, clusterId) : false
}

export const useSignIn = () =>
  useMutation({
    mutationFn: (body: { username: string; password: string }) =>
      fetchJson<{ user: { name: string } }>('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
  })

export const useSignOut = () =>
  useMutation({
    mutationFn: () => fetchJson<{ ok: true }>('/api/auth/logout', { method: 'POST' }),
    // A full navigation drops every cached query of the old user.
    onSuccess: () => window.location.assign('/login'),
  })
