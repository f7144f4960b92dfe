// The answer of GET /api/session. No runtime imports: the browser imports these as types.
import type { Grant, Permission } from './permissions'

/** `none`: no sign-in, local access only; `unsafe-remote`: no sign-in and remote access allowed; `sign-in`: on. */
export type AuthMode = 'none' | 'unsafe-remote' | 'sign-in'

export type SessionInfo = {
  authMode: AuthMode
  user: { name: string; roles: string[]; groups: string[] } | null
  /** The sign-in methods the login page offers. */
  signIn: { usersFile: boolean; oidc: { label: string } | null }
  /** Everything the user holds; `can()` from lib/auth/permissions answers any question from these. */
  grants: Grant[]
  /** Per configured cluster: what the user may do on the whole cluster (topic/group rules may allow more). */
  permissions: Record<string, Permission[]>
}
