'use client'

import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { LockIcon } from '@/components/ui/icons'
import { useSession, useSignOut } from '@/lib/client/session'

/** Who is signed in (and a sign-out button), or that there is no sign-in and what that means. */
export function SessionIndicator() {
  const { data } = useSession()
  const signOut = useSignOut()
  if (!data) return null
  if (data.authMode === 'none')
    return (
      <Badge
        data-testid="session-indicator"
        title="Ferry refuses requests from other machines until sign-in is configured"
      >
        No sign-in — local access only
      </Badge>
    )
  if (data.authMode === 'unsafe-remote')
    return (
      <Badge
        tone="danger"
        data-testid="session-indicator"
        title="FERRY_UNSAFE_ALLOW_REMOTE_WITHOUT_AUTH is set: anyone who can reach this server can change Kafka"
      >
        No sign-in — open to the network
      </Badge>
    )
  if (!data.user) return null
  const roles = data.user.roles.length > 0 ? ` (${data.user.roles.join(', ')})` : ''
  return (
    <div className="flex items-center gap-1.5" data-testid="session-indicator">
      <span className="truncate text-xs text-muted" title={`Groups: ${data.user.groups.join(', ') || 'none'}`}>
        <LockIcon className="mr-1 inline size-3" />
        {data.user.name}
        {roles}
      </span>
      <Button size="sm" variant="ghost" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
        Sign out
      </Button>
    </div>
  )
}
